import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export const PAGE_SIZE = 50;

export interface ListSort<F extends string> {
  field: F;
  direction: 'asc' | 'desc';
}

export interface ListState<F extends string> {
  query: string;
  sort: ListSort<F>;
  page: number;
}

/**
 * A list's search, sort and page in the URL (`#/contacts?q=anna&sort=city:desc&page=2`), so a
 * reload, the back button or a shared link shows the same list. Shared by the contacts and
 * accounts lists; the deals list has its own, with more filters.
 */
export function useListState<F extends string>(fields: readonly F[], defaultSort: ListSort<F>) {
  const [params, setParams] = useSearchParams();
  const state = useMemo<ListState<F>>(() => {
    const [field, direction] = (params.get('sort') ?? '').split(':');
    const sort: ListSort<F> =
      fields.includes(field as F) && (direction === 'asc' || direction === 'desc')
        ? { field: field as F, direction }
        : defaultSort;
    return {
      query: params.get('q') ?? '',
      sort,
      page: Math.max(0, Math.floor(Number(params.get('page') ?? 0)) || 0),
    };
  }, [params, fields, defaultSort]);

  const update = useCallback(
    (patch: Partial<ListState<F>>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          const set = (key: string, value: string | undefined) =>
            value ? next.set(key, value) : next.delete(key);
          if (patch.query !== undefined) set('q', patch.query);
          if (patch.sort !== undefined) {
            const isDefault =
              patch.sort.field === defaultSort.field &&
              patch.sort.direction === defaultSort.direction;
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
    [setParams, defaultSort],
  );

  return { state, update, params };
}
