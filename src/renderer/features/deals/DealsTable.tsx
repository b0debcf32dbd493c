import type { UseQueryResult } from '@tanstack/react-query';
import { ArrowDown, ArrowUp, Briefcase, CircleAlert, SearchX } from 'lucide-react';
import { Link, useLocation } from 'react-router';
import type { DealPage } from '../../../shared/contract';
import { formatMoney } from '../../../shared/money';
import { useStages } from '../../api';
import { Avatar } from '../../components/Avatar';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Skeleton } from '../../components/Skeleton';
import { StagePill } from '../../components/StagePill';
import { formatDate, formatDateTime, formatRelative } from '../../lib/format';
import styles from './DealsTable.module.css';
import type { DealListState } from './useDealListState';

type Sort = DealListState['sort'];

const COLUMNS: { field: Sort['field']; label: string; numeric?: boolean }[] = [
  { field: 'title', label: 'Deal' },
  { field: 'stage', label: 'Stage' },
  { field: 'value', label: 'Value', numeric: true },
  { field: 'owner', label: 'Owner' },
  { field: 'expectedCloseAt', label: 'Expected close' },
  { field: 'lastActivityAt', label: 'Last activity' },
];

interface DealsTableProps {
  query: UseQueryResult<DealPage>;
  sort: Sort;
  onSort: (sort: Sort) => void;
  filtered: boolean;
  onNewDeal: () => void;
}

export function DealsTable({ query, sort, onSort, filtered, onNewDeal }: DealsTableProps) {
  const { byId, phases } = useStages();
  const location = useLocation();
  const phaseName = new Map(phases.map((phase) => [phase.id, phase.name]));

  if (query.isError && !query.data) {
    return (
      <EmptyState
        tone="danger"
        icon={<CircleAlert />}
        title="The deals could not be loaded"
        action={<Button onClick={() => void query.refetch()}>Try again</Button>}
      >
        {query.error.message}
      </EmptyState>
    );
  }
  if (query.data && query.data.total === 0) {
    return filtered ? (
      <EmptyState icon={<SearchX />} title="No deals match these filters">
        Try another search, or clear the filters to see every deal.
      </EmptyState>
    ) : (
      <EmptyState
        icon={<Briefcase />}
        title="No deals yet"
        action={
          <Button variant="primary" onClick={onNewDeal}>
            Create your first deal
          </Button>
        }
      >
        Deals you create or import appear here, from first contact to renewal.
      </EmptyState>
    );
  }

  return (
    <div className={styles.scroller}>
      <table className={styles.table} aria-busy={query.isFetching || undefined}>
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const active = sort.field === column.field;
              return (
                <th
                  key={column.field}
                  scope="col"
                  aria-sort={
                    active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'
                  }
                  className={column.numeric ? styles.numeric : undefined}
                >
                  <button
                    type="button"
                    className={styles.sortButton}
                    onClick={() =>
                      onSort({
                        field: column.field,
                        direction:
                          active && sort.direction === 'desc'
                            ? 'asc'
                            : active
                              ? 'desc'
                              : column.numeric || column.field === 'lastActivityAt'
                                ? 'desc'
                                : 'asc',
                      })
                    }
                  >
                    {column.label}
                    {active &&
                      (sort.direction === 'asc' ? (
                        <ArrowUp size={12} aria-hidden />
                      ) : (
                        <ArrowDown size={12} aria-hidden />
                      ))}
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {query.data
            ? query.data.items.map((deal) => {
                const stage = byId.get(deal.stageId);
                return (
                  <tr key={deal.id}>
                    <td className={styles.dealCell}>
                      <Link
                        className={styles.dealLink}
                        to={{ pathname: `/deals/${deal.id}`, search: location.search }}
                      >
                        {deal.title}
                      </Link>
                      <span className={styles.account}>{deal.accountName ?? 'No account'}</span>
                    </td>
                    <td>
                      {stage ? (
                        <span title={phaseName.get(stage.phaseId)}>
                          <StagePill name={stage.name} phase={stage.phaseId} />
                        </span>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className={styles.numeric}>
                      {formatMoney(deal.valueMinor, deal.currency)}
                    </td>
                    <td>
                      {deal.ownerName ? (
                        <span className={styles.owner}>
                          <Avatar name={deal.ownerName} size={22} />
                          {deal.ownerName}
                        </span>
                      ) : (
                        <span className={styles.muted}>Unassigned</span>
                      )}
                    </td>
                    <td className={deal.expectedCloseAt ? undefined : styles.muted}>
                      {formatDate(deal.expectedCloseAt)}
                    </td>
                    <td className={styles.muted} title={formatDateTime(deal.lastActivityAt)}>
                      {formatRelative(deal.lastActivityAt)}
                    </td>
                  </tr>
                );
              })
            : Array.from({ length: 12 }, (_, i) => (
                <tr key={i} aria-hidden>
                  {COLUMNS.map((column) => (
                    <td key={column.field}>
                      <Skeleton width={column.field === 'title' ? '70%' : '55%'} />
                    </td>
                  ))}
                </tr>
              ))}
        </tbody>
      </table>
    </div>
  );
}
