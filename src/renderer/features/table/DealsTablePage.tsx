import {
  useTable,
  type ColumnSizingState,
  type ColumnVisibilityState,
  type RowSelectionState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp, CircleAlert, Columns3, SearchX } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { DEAL_SORT_FIELDS, type DealListInput, type DealSortField } from '../../../shared/contract';
import { useStages } from '../../api';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Skeleton } from '../../components/Skeleton';
import { useLocalSetting } from '../../lib/useLocalSetting';
import { FilterBar } from '../pipeline/FilterBar';
import { PipelineHeader } from '../pipeline/PipelineHeader';
import { endOfToday, usePipelineFilters } from '../pipeline/usePipelineFilters';
import { BulkBar } from './BulkBar';
import { HIDDEN_BY_DEFAULT, dealColumns, features, type ColumnMeta } from './columns';
import styles from './DealsTable.module.css';
import { useDealRows } from './useDealRows';

const ROW_HEIGHT = 44;
const HEADER_HEIGHT = 38;
type Sort = NonNullable<DealListInput['sort']>;
const DEFAULT_SORT: Sort = { field: 'lastActivityAt', direction: 'desc' };

function parseSort(value: string | null): Sort {
  const [field, direction] = (value ?? '').split(':');
  return (DEAL_SORT_FIELDS as readonly string[]).includes(field ?? '') &&
    (direction === 'asc' || direction === 'desc')
    ? { field: field as DealSortField, direction }
    : DEFAULT_SORT;
}

/** The deals as a table: any column sorts in SQL, rows load as you scroll, many can be edited at once. */
export function DealsTablePage() {
  const filterApi = usePipelineFilters();
  const [params, setParams] = useSearchParams();
  const sort = parseSort(params.get('sort'));
  const { byId } = useStages();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState({ first: 0, last: 60 });
  const data = useDealRows(filterApi.filters, sort, visible);
  const total = data.total ?? 0;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const [columnVisibility, setColumnVisibility] = useLocalSetting<ColumnVisibilityState>(
    'table.columns',
    HIDDEN_BY_DEFAULT,
  );
  const [columnSizing, setColumnSizing] = useLocalSetting<ColumnSizingState>('table.sizes', {});
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const columns = useMemo(
    () => dealColumns({ stages: byId, now, endOfToday: endOfToday(new Date(now)) }),
    [byId, now],
  );
  const table = useTable({
    features,
    columns,
    data: data.rows,
    getRowId: (deal) => deal.id,
    state: { columnVisibility, columnSizing, rowSelection },
    onColumnVisibilityChange: setColumnVisibility,
    onColumnSizingChange: setColumnSizing,
    onRowSelectionChange: setRowSelection,
    columnResizeMode: 'onChange',
    enableRowSelection: true,
  });

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
    scrollMargin: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 60;
  useEffect(() => {
    setVisible((current) =>
      current.first === first && current.last === last ? current : { first, last },
    );
  }, [first, last]);

  // A new filter or sort starts at the top.
  const listKey = JSON.stringify([filterApi.filters, sort]);
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [listKey]);

  const setSort = (field: DealSortField) => {
    const next: Sort =
      sort.field === field
        ? { field, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
        : {
            field,
            direction: ['value', 'lastActivityAt', 'createdAt', 'updatedAt'].includes(field)
              ? 'desc'
              : 'asc',
          };
    setParams((current) => {
      const updated = new URLSearchParams(current);
      if (next.field === DEFAULT_SORT.field && next.direction === DEFAULT_SORT.direction)
        updated.delete('sort');
      else updated.set('sort', `${next.field}:${next.direction}`);
      return updated;
    });
  };

  const rows = table.getRowModel().rows;
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const width = table.getTotalSize();
  const selectedIds = Object.keys(rowSelection).filter((id) => rowSelection[id]);

  return (
    <div className={styles.page}>
      <PipelineHeader
        view="table"
        filters={filterApi.filters}
        sort={sort}
        actions={
          <details className={styles.columnsMenu}>
            <summary className={styles.columnsButton}>
              <Columns3 size={15} aria-hidden /> Columns
            </summary>
            <div className={styles.columnsList} role="group" aria-label="Columns to show">
              {table
                .getAllLeafColumns()
                .filter((column) => column.getCanHide())
                .map((column) => (
                  <label key={column.id}>
                    <input
                      type="checkbox"
                      checked={column.getIsVisible()}
                      onChange={column.getToggleVisibilityHandler()}
                    />
                    {(column.columnDef.meta as ColumnMeta | undefined)?.label ?? column.id}
                  </label>
                ))}
            </div>
          </details>
        }
      />
      <FilterBar {...filterApi} />
      {selectedIds.length > 0 && <BulkBar ids={selectedIds} onDone={() => setRowSelection({})} />}
      <div className={styles.card}>
        {data.error && !data.rows.length ? (
          <EmptyState
            tone="danger"
            icon={<CircleAlert />}
            title="The deals could not be loaded"
            action={<Button onClick={data.refetch}>Try again</Button>}
          >
            {data.error.message}
          </EmptyState>
        ) : data.total === 0 ? (
          <EmptyState
            icon={<SearchX />}
            title={filterApi.active ? 'No deals match these filters' : 'No deals yet'}
          >
            {filterApi.active
              ? 'Try other filters, or clear them to see every deal.'
              : 'Create a deal or import a CSV to start.'}
          </EmptyState>
        ) : (
          <div
            ref={scrollRef}
            className={styles.scroller}
            role="table"
            aria-label="Deals"
            aria-rowcount={total + 1}
            aria-busy={data.isFetching || undefined}
          >
            <div role="rowgroup" className={styles.head} style={{ width, height: HEADER_HEIGHT }}>
              <div role="row" aria-rowindex={1} className={styles.row}>
                {headers.map((header) => {
                  const meta = header.column.columnDef.meta as ColumnMeta | undefined;
                  const sorted = meta?.sort && sort.field === meta.sort ? sort.direction : null;
                  return (
                    <div
                      key={header.id}
                      role="columnheader"
                      aria-sort={
                        sorted === 'asc'
                          ? 'ascending'
                          : sorted === 'desc'
                            ? 'descending'
                            : meta?.sort
                              ? 'none'
                              : undefined
                      }
                      className={`${styles.headCell} ${meta?.numeric ? styles.numeric : ''}`}
                      style={{ width: header.getSize() }}
                    >
                      {meta?.sort ? (
                        <button
                          type="button"
                          className={styles.sortButton}
                          onClick={() => setSort(meta.sort!)}
                        >
                          {meta.label}
                          {sorted === 'asc' && <ArrowUp size={12} aria-hidden />}
                          {sorted === 'desc' && <ArrowDown size={12} aria-hidden />}
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                      {header.column.getCanResize() && (
                        <span
                          className={styles.resizer}
                          data-resizing={header.column.getIsResizing() || undefined}
                          onMouseDown={header.getResizeHandler()}
                          onTouchStart={header.getResizeHandler()}
                          onDoubleClick={() => header.column.resetSize()}
                          role="separator"
                          aria-orientation="vertical"
                          aria-label={`Resize ${meta?.label ?? header.id}`}
                        />
                      )}
                    </div>
                  );
                })}
              </div>
            </div>
            <div
              role="rowgroup"
              style={{ height: virtualizer.getTotalSize(), width, position: 'relative' }}
            >
              {items.map((item) => {
                const row = rows[item.index - data.offset];
                const top = item.start - HEADER_HEIGHT;
                return row ? (
                  <div
                    key={row.id}
                    role="row"
                    aria-rowindex={item.index + 2}
                    aria-selected={row.getIsSelected()}
                    className={styles.row}
                    style={{ transform: `translateY(${top}px)` }}
                  >
                    {row.getVisibleCells().map((cell) => {
                      const meta = cell.column.columnDef.meta as ColumnMeta | undefined;
                      return (
                        <div
                          key={cell.id}
                          role="cell"
                          className={`${styles.cell} ${meta?.numeric ? styles.numeric : ''}`}
                          style={{ width: cell.column.getSize() }}
                        >
                          <table.FlexRender cell={cell} />
                        </div>
                      );
                    })}
                  </div>
                ) : (
                  <div
                    key={`loading-${item.index}`}
                    className={styles.row}
                    style={{ transform: `translateY(${top}px)` }}
                    aria-hidden
                  >
                    {headers.map((header) => (
                      <div
                        key={header.id}
                        className={styles.cell}
                        style={{ width: header.getSize() }}
                      >
                        <Skeleton width="60%" />
                      </div>
                    ))}
                  </div>
                );
              })}
            </div>
          </div>
        )}
        <footer className={styles.footer}>
          <span aria-live="polite">
            {data.total === undefined ? 'Loading…' : `${total.toLocaleString()} deals`}
          </span>
          {selectedIds.length > 0 && <span>{selectedIds.length.toLocaleString()} selected</span>}
        </footer>
      </div>
    </div>
  );
}
