import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import type { Stage } from '../../shared/domain';
import { callMethod } from './instance';
import { queryClient } from './queries';

/** A contract method as a query. The key starts with the method name, which `useLiveQueries` uses. */
export function useApiQuery<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  options: {
    enabled?: boolean;
    /** Also refetch on a timer, for what changes with time alone (overdue, running timers). */
    refetchInterval?: number;
  } = {},
) {
  return useQuery<MethodOutput<M>>({
    queryKey: [method, input],
    queryFn: () => callMethod(method, input),
    placeholderData: keepPreviousData,
    enabled: options.enabled,
    refetchInterval: options.refetchInterval,
  });
}

/**
 * Start the query `useApiQuery(method, input)` will ask for, before its view renders: a route
 * loader calls it so that the data and the view's code load at the same time.
 */
export function prefetchApiQuery<M extends MethodName>(method: M, input: MethodInput<M>): void {
  void queryClient.prefetchQuery<MethodOutput<M>>({
    queryKey: [method, input],
    queryFn: () => callMethod(method, input),
  });
}

export function useAppInfo() {
  return useApiQuery('app.info', {});
}

export function useUsers() {
  return useApiQuery('users.list', {});
}

/** The pipeline with lookups by id, for pills, pickers and grouping. */
export function useStages() {
  const query = useApiQuery('stages.list', {});
  const data = query.data;
  const lookup = useMemo(() => {
    const byId = new Map<string, Stage>((data?.stages ?? []).map((stage) => [stage.id, stage]));
    return { byId, phases: data?.phases ?? [], stages: data?.stages ?? [] };
  }, [data]);
  return { ...query, ...lookup };
}
