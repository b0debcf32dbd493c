import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { DealFilters, DealListInput, DealPage } from '../../../shared/contract';
import type { Deal } from '../../../shared/domain';
import { callMethod } from '../../api';

export const ROWS_PER_PAGE = 100;

export interface RowWindow {
  /** Index (in the whole sorted list) of `rows[0]`. */
  offset: number;
  rows: Deal[];
  total: number | undefined;
  isFetching: boolean;
  error: Error | null;
}

/**
 * The rows around the viewport of a virtualised table, fetched a page at a time from SQL in the
 * view's sort order. Each page is a query (`deals.list`), so edits elsewhere refresh it.
 */
export function useDealRows(
  filters: DealFilters,
  sort: NonNullable<DealListInput['sort']>,
  visible: { first: number; last: number },
): RowWindow & { refetch: () => void } {
  const firstPage = Math.floor(Math.max(0, visible.first) / ROWS_PER_PAGE);
  const lastPage = Math.max(firstPage, Math.floor(Math.max(0, visible.last) / ROWS_PER_PAGE));
  const pages: number[] = [];
  for (let page = firstPage; page <= lastPage; page++) pages.push(page);

  // `combine` is memoised by TanStack Query: the window is a new object only when a page changed.
  const combine = useCallback(
    (results: UseQueryResult<DealPage>[]) => {
      const rows: Deal[] = [];
      for (const result of results) {
        if (!result.data) break; // a missing page ends the contiguous window
        rows.push(...result.data.items);
      }
      return {
        offset: firstPage * ROWS_PER_PAGE,
        rows,
        total: results.find((r) => r.data)?.data?.total,
        isFetching: results.some((r) => r.isFetching),
        error: (results.find((r) => r.error)?.error as Error | undefined) ?? null,
        refetchAll: () => results.forEach((r) => void r.refetch()),
      };
    },
    [firstPage],
  );

  const { refetchAll, ...window } = useQueries({
    queries: pages.map((page) => {
      const input: DealListInput = {
        filters,
        sort,
        offset: page * ROWS_PER_PAGE,
        limit: ROWS_PER_PAGE,
      };
      return {
        queryKey: ['deals.list', input],
        queryFn: () => callMethod('deals.list', input),
      };
    }),
    combine,
  });
  return { ...window, refetch: refetchAll };
}
