import { useDroppable } from '@dnd-kit/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import type { DealCard, Stage } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import styles from './Board.module.css';
import type { ColumnState } from './boardStore';
import { DealCardView } from './DealCardView';

/** Card height plus the gap below it: every card has the same height, so positions are exact. */
export const CARD_SLOT = 104;
/** The height of a column's list, kept across visits (it changes only with the window). */
const listHeight = {
  key: 'cockpit.board.listHeight',
  read(): number {
    const stored = Number(localStorage.getItem(this.key));
    return stored > 0 ? stored : Math.max(window.innerHeight - 250, CARD_SLOT);
  },
  remember(height: number): void {
    if (height > 0 && String(height) !== localStorage.getItem(this.key)) {
      localStorage.setItem(this.key, String(height));
    }
  },
};

/** How many more slots the column lays out each time the user nears the end of those it has. */
const REACH_STEP = 200;

export interface ColumnHandle {
  /** The scroll container: drop positions are measured against it. */
  list: HTMLElement;
  scrollToIndex(index: number): void;
}

interface BoardColumnProps {
  stage: Stage;
  column: ColumnState;
  currency: string;
  now: number;
  endOfToday: number;
  /** Where a dragged card would land in this column, or null. */
  dropIndex: number | null;
  draggingId: string | null;
  register: (stageId: string, handle: ColumnHandle | null) => void;
  ensureLoaded: (stageId: string, from: number, to: number) => void;
  onOpen: (card: DealCard) => void;
  onCardKeyDown: (event: KeyboardEvent<HTMLElement>, card: DealCard, index: number) => void;
}

function Totals({
  column,
  currency,
  probability,
}: {
  column: ColumnState;
  currency: string;
  probability: number;
}) {
  const [main, ...others] = column.totals.length
    ? column.totals
    : [{ currency, valueMinor: 0, weightedMinor: 0 }];
  const other = others
    .map((t) => formatMoney(t.valueMinor, t.currency, { compact: true }))
    .join(' + ');
  return (
    <div className={styles.totals}>
      <span className={styles.total} title="Total value">
        {formatMoney(main!.valueMinor, main!.currency, { compact: true })}
      </span>
      <span
        className={styles.weighted}
        title={`Weighted by the stage's ${probability}% win probability`}
      >
        {formatMoney(main!.weightedMinor, main!.currency, { compact: true })} weighted
      </span>
      {other && (
        <span className={styles.otherCurrencies} title="Deals in other currencies">
          + {other}
        </span>
      )}
    </div>
  );
}

/** One stage: its numbers from SQL, and its cards, virtualised and fetched a page at a time. */
export function BoardColumn(props: BoardColumnProps) {
  const {
    stage,
    column,
    currency,
    now,
    endOfToday,
    dropIndex,
    draggingId,
    register,
    ensureLoaded,
    onOpen,
    onCardKeyDown,
  } = props;
  const listRef = useRef<HTMLDivElement | null>(null);
  const { setNodeRef, isOver } = useDroppable({ id: stage.id, data: { stageId: stage.id } });
  // The virtualizer lays out the first `reach` slots, not all of a column's thousands: it grows
  // as the user scrolls towards its end, so the first paint lays out a few hundred slots.
  const [reach, setReach] = useState(REACH_STEP);
  const reachRef = useRef(reach);
  reachRef.current = reach;
  const virtualizer = useVirtualizer({
    count: Math.min(column.count, reach),
    // The list's height from the last visit, so that the first render already holds the cards
    // that fit, instead of an empty pass, a layout to measure, and a second pass.
    initialRect: { width: 0, height: listHeight.read() },
    getScrollElement: () => listRef.current,
    estimateSize: () => CARD_SLOT,
    overscan: 3,
    // Keys by index (the default): every slot has the same height, so there is nothing to remember
    // per card, and a key function that changed with each page of cards would make the virtualizer
    // lay out every slot of the column again.
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (last >= first) ensureLoaded(stage.id, first, last);
  }, [stage.id, first, last, ensureLoaded, column.cards]);

  useEffect(() => {
    if (last >= reach - REACH_STEP / 2 && reach < column.count) setReach(reach + REACH_STEP);
  }, [last, reach, column.count]);

  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    listHeight.remember(list.clientHeight);
    register(stage.id, {
      list,
      scrollToIndex: (index) => {
        if (index >= reachRef.current) flushSync(() => setReach(index + REACH_STEP));
        virtualizer.scrollToIndex(index, { align: 'auto' });
      },
    });
    return () => register(stage.id, null);
  }, [register, stage.id, virtualizer]);

  const headingId = `column-${stage.id}`;
  return (
    <section
      className={styles.column}
      aria-labelledby={headingId}
      data-over={isOver || undefined}
      data-kind={stage.kind}
    >
      <header className={styles.columnHeader}>
        <div className={styles.columnTitle}>
          <h3 id={headingId}>{stage.name}</h3>
          <span className={styles.count} aria-label={`${column.count} deals`}>
            {column.count.toLocaleString()}
          </span>
          <span className={styles.probability} title="Win probability">
            {stage.probability}%
          </span>
        </div>
        <Totals column={column} currency={currency} probability={stage.probability} />
      </header>
      <div
        ref={(element) => {
          listRef.current = element;
          setNodeRef(element);
        }}
        className={styles.list}
        role="list"
        aria-label={`${stage.name} deals`}
      >
        {column.count === 0 && dropIndex === null && <p className={styles.empty}>No deals</p>}
        <div
          style={{
            height: virtualizer.getTotalSize() + (dropIndex !== null ? CARD_SLOT : 0),
            position: 'relative',
          }}
        >
          {items.map((item) => {
            const card = column.cards[item.index];
            // While dragging over this column, the cards below the drop place make room for it.
            const shift =
              dropIndex !== null && item.index >= dropIndex && card?.id !== draggingId
                ? CARD_SLOT
                : 0;
            return (
              <div
                key={card?.id ?? `slot-${item.index}`}
                role="listitem"
                className={styles.slot}
                style={{ transform: `translateY(${item.start + shift}px)` }}
              >
                {card ? (
                  <DealCardView
                    card={card}
                    index={item.index}
                    now={now}
                    endOfToday={endOfToday}
                    onOpen={onOpen}
                    onKeyDown={onCardKeyDown}
                  />
                ) : (
                  <div className={`${styles.card} ${styles.placeholder}`} aria-hidden />
                )}
              </div>
            );
          })}
          {dropIndex !== null && (
            <div
              className={styles.dropMarker}
              style={{ transform: `translateY(${dropIndex * CARD_SLOT}px)` }}
              aria-hidden
            />
          )}
        </div>
      </div>
    </section>
  );
}
