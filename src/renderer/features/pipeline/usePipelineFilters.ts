import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { DealFilters } from '../../../shared/contract';
import type { PhaseId } from '../../../shared/domain';
import { currencyDigits } from '../../../shared/money';
import { useAppInfo } from '../../api';

/** The filters of the board and the table, as they stand in the URL (`?owner=me&rotting=1`). */
export interface FilterState {
  query: string;
  /** A user id, `me` or `none` (unassigned). */
  owner: string;
  phase: string;
  stage: string;
  /** Whole amounts in the team currency, as typed. */
  min: string;
  max: string;
  rotting: boolean;
  due: boolean;
}

const KEYS = {
  query: 'q',
  owner: 'owner',
  phase: 'phase',
  stage: 'stage',
  min: 'min',
  max: 'max',
  rotting: 'rotting',
  due: 'due',
} as const;

export function endOfToday(now = new Date()): number {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate(), 23, 59, 59, 999).getTime();
}

/** The filters as they stand in the URL's query. */
export function readFilterState(params: URLSearchParams): FilterState {
  return {
    query: params.get(KEYS.query) ?? '',
    owner: params.get(KEYS.owner) ?? '',
    phase: params.get(KEYS.phase) ?? '',
    stage: params.get(KEYS.stage) ?? '',
    min: params.get(KEYS.min) ?? '',
    max: params.get(KEYS.max) ?? '',
    rotting: params.get(KEYS.rotting) === '1',
    due: params.get(KEYS.due) === '1',
  };
}

/** Whether turning these filters into a query needs the session: who "me" is, the currency. */
export function filtersNeedSession(state: FilterState): boolean {
  return state.owner === 'me' || Boolean(state.min.trim() || state.max.trim());
}

/** The filters the core takes, for the signed-in user `me` and the team's currency. */
export function toDealFilters(
  state: FilterState,
  me: string | undefined,
  currency: string,
): DealFilters {
  const scale = 10 ** currencyDigits(currency);
  const amount = (text: string) => {
    const value = Number(text.replace(/[\s,]/g, ''));
    return text.trim() && Number.isFinite(value) ? Math.round(value * scale) : undefined;
  };
  const owner = state.owner === 'me' ? me : state.owner;
  return {
    query: state.query.trim() || undefined,
    ownerIds: state.owner === 'none' ? [null] : owner ? [owner] : undefined,
    phaseIds: state.phase ? [state.phase as PhaseId] : undefined,
    stageIds: state.stage ? [state.stage] : undefined,
    minValueMinor: amount(state.min),
    maxValueMinor: amount(state.max),
    rottingOnly: state.rotting || undefined,
    followUpDueBefore: state.due ? endOfToday() : undefined,
  };
}

/**
 * Read and change the pipeline filters in the URL, so a reload, the back button, a saved view
 * or a shared link restores the same board or table.
 */
export function usePipelineFilters() {
  const [params, setParams] = useSearchParams();
  const info = useAppInfo();
  const me = info.data?.currentUser?.id;
  const currency = info.data?.team?.defaultCurrency ?? 'EUR';

  const state = useMemo(() => readFilterState(params), [params]);
  const filters = useMemo(() => toDealFilters(state, me, currency), [state, me, currency]);

  const update = useCallback(
    (patch: Partial<FilterState>, options: { replace?: boolean } = {}) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(patch) as [
            keyof FilterState,
            string | boolean,
          ][]) {
            const param = KEYS[key];
            if (value === true) next.set(param, '1');
            else if (value === false || value === '') next.delete(param);
            else next.set(param, value);
          }
          next.delete('page');
          return next;
        },
        { replace: options.replace },
      );
    },
    [setParams],
  );

  const active = Boolean(
    state.query ||
    state.owner ||
    state.phase ||
    state.stage ||
    state.min ||
    state.max ||
    state.rotting ||
    state.due,
  );
  const clear = useCallback(
    () =>
      update({
        query: '',
        owner: '',
        phase: '',
        stage: '',
        min: '',
        max: '',
        rotting: false,
        due: false,
      }),
    [update],
  );

  return { state, filters, update, clear, active, currency };
}
