import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { DEAL_SORT_FIELDS, type DealListInput } from '../../../shared/contract';

export const PAGE_SIZE = 50;
type SortField = (typeof DEAL_SORT_FIELDS)[number];

export interface DealListState {
  query: string;
  stageId: string;
  ownerId: string;
  sort: { field: SortField; direction: 'asc' | 'desc' };
  page: number;
}

const DEFAULT_SORT = { field: 'lastActivityAt', direction: 'desc' } as const;

function parseSort(value: string | null): DealListState['sort'] {
  const [field, direction] = (value ?? '').split(':');
  if (
    (DEAL_SORT_FIELDS as readonly string[]).includes(field ?? '') &&
    (direction === 'asc' || direction === 'desc')
  ) {
    return { field: field as SortField, direction };
  }
  return DEFAULT_SORT;
}

/**
 * The list's filters, sort and page live in the URL (`#/deals?q=acme&stage=…&sort=value:desc`),
 * so a reload, the back button or a shared link restores the same view.
 */
export function useDealListState() {
  const [params, setParams] = useSearchParams();
  const state = useMemo<DealListState>(
    () => ({
      query: params.get('q') ?? '',
      stageId: params.get('stage') ?? '',
      ownerId: params.get('owner') ?? '',
      sort: parseSort(params.get('sort')),
      page: Math.max(0, Number(params.get('page') ?? 0) || 0),
    }),
    [params],
  );

  const update = useCallback(
    (patch: Partial<DealListState>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          const set = (key: string, value: string | undefined) =>
            value ? next.set(key, value) : next.delete(key);
          if (patch.query !== undefined) set('q', patch.query);
          if (patch.stageId !== undefined) set('stage', patch.stageId);
          if (patch.ownerId !== undefined) set('owner', patch.ownerId);
          if (patch.sort !== undefined) {
            const isDefault =
              patch.sort.field === DEFAULT_SORT.field &&
              patch.sort.direction === DEFAULT_SORT.direction;
            set('sort', isDefault ? undefined : `${patch.sort.field}:${patch.sort.direction}`);
          }
          // Any change but paging starts again at the first page.
          const page = patch.page ?? 0;
          set('page', page > 0 ? String(page) : undefined);
          return next;
        },
        { replace: patch.query !== undefined },
      );
    },
    [setParams],
  );

  const input = useMemo<DealListInput>(
    () => ({
      filters: {
        query: state.query.trim() || undefined,
        stageIds: state.stageId ? [state.stageId] : undefined,
        ownerIds: state.ownerId === 'none' ? [null] : state.ownerId ? [state.ownerId] : undefined,
      },
      sort: state.sort,
      offset: state.page * PAGE_SIZE,
      limit: PAGE_SIZE,
    }),
    [state],
  );

  return { state, update, input };
}
