import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { ApiError } from '../../../shared/contract/errors';
import type { DealFilters } from '../../../shared/contract';
import type { DealCard, Stage } from '../../../shared/domain';
import { api, useApiQuery, useStages } from '../../api';
import { useToast } from '../../components/Toast';
import { BoardStore, type Placement } from './boardStore';

export const CARDS_PER_PAGE = 50;
const FIRST_CARDS = 30;

/** What the board asks for first: every column's numbers and first cards. */
export function boardLoadInput(filters: DealFilters) {
  return { filters, cardsPerColumn: FIRST_CARDS };
}

export interface PendingMove {
  card: DealCard;
  placement: Placement;
  stage: Stage;
}

/**
 * The board's data and actions: the first load (counts, sums, first cards) as a query that
 * refreshes on `data.changed`, pages fetched as columns scroll, and moves applied at once and
 * undone with a message if the core refuses them.
 */
export function useBoard(filters: DealFilters) {
  const { byId } = useStages();
  const store = useMemo(() => new BoardStore(), []);
  const query = useApiQuery('board.load', boardLoadInput(filters));
  const inFlight = useRef(new Set<string>());
  const toast = useToast();
  const filtersKey = JSON.stringify(filters);
  const stableFilters = useMemo(() => JSON.parse(filtersKey) as DealFilters, [filtersKey]);

  useEffect(() => {
    store.setProbabilities(new Map([...byId].map(([id, stage]) => [id, stage.probability])));
  }, [byId, store]);

  useEffect(() => {
    if (query.data) {
      inFlight.current.clear();
      store.load(query.data);
    }
  }, [query.data, store]);

  const state = useSyncExternalStore(store.subscribe, store.getSnapshot);

  /** Fetch the pages holding cards [from, to] of a column that are not loaded yet. */
  const ensureLoaded = useCallback(
    (stageId: string, from: number, to: number) => {
      for (const offset of store.missingPages(stageId, from, to, CARDS_PER_PAGE)) {
        const key = `${filtersKey}|${stageId}|${offset}`;
        if (inFlight.current.has(key)) continue;
        inFlight.current.add(key);
        void api.board
          .cards({ stageId, filters: stableFilters, offset, limit: CARDS_PER_PAGE })
          .then(({ cards }) => {
            if (inFlight.current.has(key)) store.addPage(stageId, offset, cards);
          })
          .catch((error: unknown) =>
            toast.error(`Could not load more deals: ${(error as Error).message}`),
          )
          .finally(() => inFlight.current.delete(key));
      }
    },
    [store, filtersKey, stableFilters, toast],
  );

  /** Move a deal; the board shows it at once and goes back if the core says no. */
  const move = useCallback(
    async (dealId: string, placement: Placement, reason?: string): Promise<boolean> => {
      const found = store.find(dealId);
      const stage = byId.get(placement.stageId);
      if (!found || !stage) return false;
      const { afterId, beforeId } = store.neighbours(placement, dealId);
      const status = stage.kind === 'open' ? 'open' : stage.kind;
      const undo = store.move(dealId, placement, { status, rotting: false });
      try {
        await api.deals.move({ id: dealId, stageId: placement.stageId, afterId, beforeId, reason });
        return true;
      } catch (error) {
        undo();
        const message =
          error instanceof ApiError
            ? error.message.replace(/^[\w.]+: (\w+: )?/, '')
            : String(error);
        toast.error(`“${found.card.title}” was not moved: ${message}`);
        return false;
      }
    },
    [store, toast, byId],
  );

  return { state, store, query, ensureLoaded, move };
}
