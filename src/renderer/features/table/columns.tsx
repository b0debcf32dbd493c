import {
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  rowSelectionFeature,
  tableFeatures,
} from '@tanstack/react-table';
import { Flame } from 'lucide-react';
import type { DealSortField } from '../../../shared/contract';
import { followUpState, isRotting, type Deal, type Stage } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { Avatar } from '../../components/Avatar';
import { StagePill } from '../../components/StagePill';
import { formatDate, formatDateTime, formatRelative } from '../../lib/format';
import styles from './DealsTable.module.css';

/** What the table does itself; sorting, filtering and paging happen in SQL. */
export const features = tableFeatures({
  columnVisibilityFeature,
  columnSizingFeature,
  columnResizingFeature,
  rowSelectionFeature,
});

export interface CellContext {
  stages: Map<string, Stage>;
  now: number;
  endOfToday: number;
}

export interface ColumnMeta {
  label: string;
  /** The SQL sort this column's header applies. */
  sort?: DealSortField;
  numeric?: boolean;
}

const helper = createColumnHelper<typeof features, Deal>();

/** Columns are built per render context (stage lookup, the clock) but their ids and sizes are fixed. */
export function dealColumns(context: CellContext) {
  return helper.columns([
    helper.display({
      id: 'select',
      size: 40,
      enableResizing: false,
      enableHiding: false,
      header: ({ table }) => (
        <input
          type="checkbox"
          aria-label="Select all loaded deals"
          checked={table.getIsAllRowsSelected()}
          ref={(input) => {
            if (input) input.indeterminate = table.getIsSomeRowsSelected();
          }}
          onChange={table.getToggleAllRowsSelectedHandler()}
        />
      ),
      cell: ({ row }) => (
        <input
          type="checkbox"
          aria-label={`Select ${row.original.title}`}
          checked={row.getIsSelected()}
          onClick={row.getToggleSelectedHandler()}
          onChange={() => {}}
        />
      ),
      meta: { label: 'Select' } satisfies ColumnMeta,
    }),
    helper.accessor('title', {
      id: 'title',
      header: 'Deal',
      size: 300,
      minSize: 160,
      enableHiding: false,
      cell: ({ row }) => (
        <a className={styles.dealLink} href={`#/deals/${row.original.id}`}>
          {row.original.title}
        </a>
      ),
      meta: { label: 'Deal', sort: 'title' } satisfies ColumnMeta,
    }),
    helper.accessor('accountName', {
      id: 'account',
      header: 'Account',
      size: 200,
      cell: ({ getValue }) => getValue() ?? <span className={styles.muted}>—</span>,
      meta: { label: 'Account', sort: 'account' } satisfies ColumnMeta,
    }),
    helper.accessor('stageId', {
      id: 'stage',
      header: 'Stage',
      size: 150,
      cell: ({ getValue }) => {
        const stage = context.stages.get(getValue());
        return stage ? <StagePill name={stage.name} phase={stage.phaseId} /> : '—';
      },
      meta: { label: 'Stage', sort: 'stage' } satisfies ColumnMeta,
    }),
    helper.accessor('valueMinor', {
      id: 'value',
      header: 'Value',
      size: 120,
      cell: ({ row }) => formatMoney(row.original.valueMinor, row.original.currency),
      meta: { label: 'Value', sort: 'value', numeric: true } satisfies ColumnMeta,
    }),
    helper.accessor('ownerName', {
      id: 'owner',
      header: 'Owner',
      size: 180,
      cell: ({ getValue }) => {
        const name = getValue();
        return name ? (
          <span className={styles.owner}>
            <Avatar name={name} size={20} />
            {name}
          </span>
        ) : (
          <span className={styles.muted}>Unassigned</span>
        );
      },
      meta: { label: 'Owner', sort: 'owner' } satisfies ColumnMeta,
    }),
    helper.accessor('contactName', {
      id: 'contact',
      header: 'Contact',
      size: 170,
      cell: ({ getValue }) => getValue() ?? <span className={styles.muted}>—</span>,
      meta: { label: 'Contact', sort: 'contact' } satisfies ColumnMeta,
    }),
    helper.accessor('expectedCloseAt', {
      id: 'expectedCloseAt',
      header: 'Expected close',
      size: 130,
      cell: ({ getValue }) => formatDate(getValue()),
      meta: { label: 'Expected close', sort: 'expectedCloseAt' } satisfies ColumnMeta,
    }),
    helper.accessor('followUpAt', {
      id: 'followUpAt',
      header: 'Follow-up',
      size: 150,
      cell: ({ getValue }) => {
        const at = getValue();
        const state = followUpState(at, context.now, context.endOfToday);
        return at == null ? (
          <span className={styles.muted}>—</span>
        ) : (
          <span className={styles.followUp} data-state={state} title={formatDateTime(at)}>
            {formatRelative(at, context.now)}
          </span>
        );
      },
      meta: { label: 'Follow-up', sort: 'followUpAt' } satisfies ColumnMeta,
    }),
    helper.accessor('lastActivityAt', {
      id: 'lastActivityAt',
      header: 'Last activity',
      size: 150,
      cell: ({ row }) => {
        const deal = row.original;
        const rotting = isRotting(deal, context.stages.get(deal.stageId), context.now);
        return (
          <span className={styles.activity} title={formatDateTime(deal.lastActivityAt)}>
            {formatRelative(deal.lastActivityAt, context.now)}
            {rotting && (
              <span className={styles.rotting} title="No activity for longer than the stage allows">
                <Flame size={11} aria-hidden /> Rotting
              </span>
            )}
          </span>
        );
      },
      meta: { label: 'Last activity', sort: 'lastActivityAt' } satisfies ColumnMeta,
    }),
    helper.accessor('createdAt', {
      id: 'createdAt',
      header: 'Created',
      size: 120,
      cell: ({ getValue }) => formatDate(getValue()),
      meta: { label: 'Created', sort: 'createdAt' } satisfies ColumnMeta,
    }),
  ]);
}

export const HIDDEN_BY_DEFAULT = { contact: false, createdAt: false };
