import {
  DndContext,
  DragOverlay,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragMoveEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import type { DealCard } from '../../../shared/domain';
import { useStages } from '../../api';
import { matches } from '../../app/shortcuts';
import { endOfToday as endOfLocalDay, usePipelineFilters } from '../pipeline/usePipelineFilters';
import { FilterBar } from '../pipeline/FilterBar';
import { PipelineHeader } from '../pipeline/PipelineHeader';
import styles from './Board.module.css';
import { BoardColumn, CARD_SLOT, type ColumnHandle } from './BoardColumn';
import type { Placement } from './boardStore';
import { BOARD_COMMANDS } from './commands';
import { DealCardView } from './DealCardView';
import { ReasonDialog } from './ReasonDialog';
import { useBoard, type PendingMove } from './useBoard';

export const BOARD_READY_MARK = 'cockpit:board-ready';

/** The lifecycle board: one column per stage, grouped by phase, every deal a drag away. */
export function BoardPage() {
  const navigate = useNavigate();
  const filterApi = usePipelineFilters();
  const { state, store, query, ensureLoaded, move } = useBoard(filterApi.filters);
  const { phases, stages, byId } = useStages();
  const columns = useRef(new Map<string, ColumnHandle>());
  const [dragging, setDragging] = useState<DealCard | null>(null);
  const [placement, setPlacement] = useState<Placement | null>(null);
  const [pending, setPending] = useState<PendingMove | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const endOfToday = useMemo(() => endOfLocalDay(new Date(state.now)), [state.now]);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));

  // For the benchmark (tests/bench/board.bench.ts): when this visit's first full board has been
  // painted (a mark per visit of the board).
  const marked = useRef(false);
  useEffect(() => {
    if (!state.loaded || marked.current) return;
    marked.current = true;
    requestAnimationFrame(() => setTimeout(() => performance.mark(BOARD_READY_MARK), 0));
  }, [state.loaded]);

  const register = useCallback((stageId: string, handle: ColumnHandle | null) => {
    if (handle) columns.current.set(stageId, handle);
    else columns.current.delete(stageId);
  }, []);

  const openDeal = useCallback((card: DealCard) => navigate(`/deals/${card.id}`), [navigate]);

  /** Focus a card, scrolling its column so that it is rendered first. */
  const focusCard = useCallback(
    (stageId: string, index: number) => {
      columns.current.get(stageId)?.scrollToIndex(index);
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          const card = store.column(stageId)?.cards[index];
          if (card) document.querySelector<HTMLElement>(`[data-card-id="${card.id}"]`)?.focus();
        }),
      );
    },
    [store],
  );

  /** Every move, by pointer or keyboard: Won and Lost first ask why. */
  const requestMove = useCallback(
    async (card: DealCard, to: Placement) => {
      const stage = byId.get(to.stageId);
      if (!stage) return;
      if (stage.kind !== 'open' && card.stageId !== stage.id) {
        setPending({ card, placement: to, stage });
        return;
      }
      if (await move(card.id, to)) {
        const column = store.column(to.stageId);
        setAnnouncement(
          `Moved “${card.title}” to ${stage.name}, ${to.index + 1} of ${column?.count ?? '?'}.`,
        );
      }
    },
    [byId, move, store],
  );

  const placementFor = (event: DragMoveEvent | DragEndEvent): Placement | null => {
    const stageId = event.over?.id as string | undefined;
    const handle = stageId ? columns.current.get(stageId) : undefined;
    const rect = event.active.rect.current.translated;
    if (!stageId || !handle || !rect) return null;
    const list = handle.list.getBoundingClientRect();
    const y = rect.top + rect.height / 2 - list.top + handle.list.scrollTop;
    const column = store.column(stageId);
    const others =
      (column?.count ?? 0) - (column?.cards.some((c) => c?.id === event.active.id) ? 1 : 0);
    return { stageId, index: Math.max(0, Math.min(others, Math.round(y / CARD_SLOT - 0.5))) };
  };

  const onDragStart = (event: DragStartEvent) =>
    setDragging((event.active.data.current?.card as DealCard) ?? null);
  const onDragMove = (event: DragMoveEvent) => {
    const next = placementFor(event);
    setPlacement((current) =>
      current?.stageId === next?.stageId && current?.index === next?.index ? current : next,
    );
  };
  const onDragEnd = (event: DragEndEvent) => {
    const to = placementFor(event);
    const card = dragging;
    setDragging(null);
    setPlacement(null);
    if (!card || !to) return;
    const from = store.find(card.id);
    if (from && from.stageId === to.stageId && from.index === to.index) return;
    void requestMove(card, to);
  };

  /** Arrows walk the board; with Shift they move the deal (see commands.ts). */
  const onCardKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>, card: DealCard, index: number) => {
      const order = stages.map((s) => s.id);
      const column = order.indexOf(card.stageId);
      const native = event.nativeEvent;
      const count = store.column(card.stageId)?.count ?? 0;
      const neighbourColumn = (step: number) => {
        for (let i = column + step; i >= 0 && i < order.length; i += step) {
          if ((store.column(order[i]!)?.count ?? 0) > 0) return order[i]!;
        }
        return undefined;
      };
      let handled = true;
      if (matches(native, BOARD_COMMANDS.open.keys)) openDeal(card);
      else if (matches(native, BOARD_COMMANDS.moveRight.keys) && column < order.length - 1) {
        void requestMove(card, { stageId: order[column + 1]!, index: 0 }).then(() =>
          focusCard(order[column + 1]!, 0),
        );
      } else if (matches(native, BOARD_COMMANDS.moveLeft.keys) && column > 0) {
        void requestMove(card, { stageId: order[column - 1]!, index: 0 }).then(() =>
          focusCard(order[column - 1]!, 0),
        );
      } else if (matches(native, BOARD_COMMANDS.moveUp.keys) && index > 0) {
        void requestMove(card, { stageId: card.stageId, index: index - 1 }).then(() =>
          focusCard(card.stageId, index - 1),
        );
      } else if (matches(native, BOARD_COMMANDS.moveDown.keys) && index < count - 1) {
        void requestMove(card, { stageId: card.stageId, index: index + 1 }).then(() =>
          focusCard(card.stageId, index + 1),
        );
      } else if (matches(native, BOARD_COMMANDS.next.keys) && index < count - 1)
        focusCard(card.stageId, index + 1);
      else if (matches(native, BOARD_COMMANDS.previous.keys) && index > 0)
        focusCard(card.stageId, index - 1);
      else if (matches(native, BOARD_COMMANDS.right.keys) && neighbourColumn(1))
        focusCard(neighbourColumn(1)!, 0);
      else if (matches(native, BOARD_COMMANDS.left.keys) && neighbourColumn(-1))
        focusCard(neighbourColumn(-1)!, 0);
      else handled = false;
      if (handled) event.preventDefault();
    },
    [stages, store, openDeal, requestMove, focusCard],
  );

  const openPipeline = useMemo(() => {
    let value = 0;
    let weighted = 0;
    let count = 0;
    for (const column of state.columns) {
      const stage = byId.get(column.stageId);
      if (
        !stage ||
        stage.kind !== 'open' ||
        stage.phaseId === 'retention' ||
        stage.phaseId === 'loyalty'
      )
        continue;
      count += column.count;
      const main = column.totals.find((t) => t.currency === filterApi.currency);
      value += main?.valueMinor ?? 0;
      weighted += main?.weightedMinor ?? 0;
    }
    return { value, weighted, count };
  }, [state.columns, byId, filterApi.currency]);

  return (
    <div className={styles.page}>
      <PipelineHeader
        view="board"
        summary={
          state.loaded
            ? {
                count: openPipeline.count,
                valueMinor: openPipeline.value,
                weightedMinor: openPipeline.weighted,
                currency: filterApi.currency,
              }
            : undefined
        }
        filters={filterApi.filters}
      />
      <FilterBar {...filterApi} />
      <p id="board-keyboard-help" className="visually-hidden">
        Press Enter to open the deal. Arrow keys move between cards. Shift with the left or right
        arrow moves the deal to the previous or next stage; Shift with up or down moves it within
        the stage.
      </p>
      {query.isError && !state.loaded ? (
        <p role="alert" className={styles.error}>
          The board could not be loaded: {query.error.message}
        </p>
      ) : (
        <DndContext
          sensors={sensors}
          onDragStart={onDragStart}
          onDragMove={onDragMove}
          onDragEnd={onDragEnd}
          onDragCancel={() => {
            setDragging(null);
            setPlacement(null);
          }}
        >
          <div className={styles.board} aria-busy={!state.loaded || query.isFetching || undefined}>
            {phases.map((phase) => (
              <section
                key={phase.id}
                className={styles.phase}
                data-phase={phase.id}
                aria-label={`${phase.name} phase`}
              >
                <header className={styles.phaseHeader}>
                  <span className={styles.phaseName}>{phase.name}</span>
                  <span className={styles.phaseOwner}>{phase.owner}</span>
                </header>
                <div className={styles.columns}>
                  {stages
                    .filter((stage) => stage.phaseId === phase.id)
                    .map((stage) => {
                      const column = state.columns.find((c) => c.stageId === stage.id);
                      if (!column)
                        return (
                          <div
                            key={stage.id}
                            className={`${styles.column} ${styles.loadingColumn}`}
                            aria-hidden
                          />
                        );
                      return (
                        <BoardColumn
                          key={stage.id}
                          stage={stage}
                          column={column}
                          currency={filterApi.currency}
                          now={state.now}
                          endOfToday={endOfToday}
                          dropIndex={placement?.stageId === stage.id ? placement.index : null}
                          draggingId={dragging?.id ?? null}
                          register={register}
                          ensureLoaded={ensureLoaded}
                          onOpen={openDeal}
                          onCardKeyDown={onCardKeyDown}
                        />
                      );
                    })}
                </div>
              </section>
            ))}
          </div>
          <DragOverlay dropAnimation={null}>
            {dragging && (
              <DealCardView
                card={dragging}
                index={0}
                now={state.now}
                endOfToday={endOfToday}
                overlay
              />
            )}
          </DragOverlay>
        </DndContext>
      )}
      {pending && (
        <ReasonDialog
          dealTitle={pending.card.title}
          stage={pending.stage}
          onCancel={() => setPending(null)}
          onConfirm={async (reason) => {
            const { card, placement: to, stage } = pending;
            setPending(null);
            if (await move(card.id, to, reason))
              setAnnouncement(`Moved “${card.title}” to ${stage.name}.`);
          }}
        />
      )}
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
    </div>
  );
}
