import type { BoardColumn, DealCard, MoneyTotal } from '../../../shared/domain';

/**
 * The board's state outside React (components subscribe with useSyncExternalStore): per column
 * the count and totals from SQL and the cards loaded so far, as a sparse window over the
 * column's order. Moves are applied here first (optimistic) and undone if the core refuses.
 */

export interface ColumnState {
  stageId: string;
  count: number;
  totals: MoneyTotal[];
  /** Index → card; holes are cards not loaded yet. Length is `count`. */
  cards: (DealCard | undefined)[];
}

export interface BoardState {
  columns: ColumnState[];
  /** The core's clock when the board was loaded (for rotting and follow-up dots). */
  now: number;
  loaded: boolean;
}

export interface Placement {
  stageId: string;
  /** Index among the column's cards once the moving card is taken out. */
  index: number;
}

const EMPTY: BoardState = { columns: [], now: 0, loaded: false };

function weighted(valueMinor: number, probability: number): number {
  return Math.round((valueMinor * probability) / 100);
}

function adjustTotals(
  totals: MoneyTotal[],
  card: DealCard,
  probability: number,
  sign: 1 | -1,
): MoneyTotal[] {
  const next = totals.map((t) => ({ ...t }));
  let entry = next.find((t) => t.currency === card.currency);
  if (!entry) {
    entry = { currency: card.currency, valueMinor: 0, weightedMinor: 0 };
    next.push(entry);
  }
  entry.valueMinor += sign * card.valueMinor;
  entry.weightedMinor += sign * weighted(card.valueMinor, probability);
  return next.filter((t) => t.valueMinor !== 0).sort((a, b) => b.valueMinor - a.valueMinor);
}

export class BoardStore {
  private state: BoardState = EMPTY;
  private readonly listeners = new Set<() => void>();
  private probabilities = new Map<string, number>();

  /** Each stage's win probability, for the weighted totals of optimistic moves. */
  setProbabilities(probabilities: Map<string, number>): void {
    this.probabilities = probabilities;
  }

  private probabilityOf(stageId: string): number {
    return this.probabilities.get(stageId) ?? 0;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): BoardState => this.state;

  /** A fresh load replaces everything: pages loaded before may be stale. */
  load(board: { columns: BoardColumn[]; now: number }): void {
    this.set({
      now: board.now,
      loaded: true,
      columns: board.columns.map((column) => {
        const cards: (DealCard | undefined)[] = new Array(column.count);
        column.cards.forEach((card, i) => (cards[i] = card));
        return { stageId: column.stageId, count: column.count, totals: column.totals, cards };
      }),
    });
  }

  column(stageId: string): ColumnState | undefined {
    return this.state.columns.find((c) => c.stageId === stageId);
  }

  /** Cards of a page fetched while scrolling. */
  addPage(stageId: string, offset: number, cards: DealCard[]): void {
    this.updateColumn(stageId, (column) => {
      const next = column.cards.slice();
      cards.forEach((card, i) => {
        if (offset + i < next.length) next[offset + i] = card;
      });
      return { ...column, cards: next };
    });
  }

  /** Offsets of the pages (of `pageSize`) that hold unloaded cards in [from, to]. */
  missingPages(stageId: string, from: number, to: number, pageSize: number): number[] {
    const column = this.column(stageId);
    if (!column) return [];
    const offsets = new Set<number>();
    for (let i = Math.max(0, from); i <= Math.min(to, column.count - 1); i++) {
      if (column.cards[i] === undefined) offsets.add(Math.floor(i / pageSize) * pageSize);
    }
    return [...offsets];
  }

  find(dealId: string): { stageId: string; index: number; card: DealCard } | undefined {
    for (const column of this.state.columns) {
      const index = column.cards.findIndex((card) => card?.id === dealId);
      if (index >= 0) return { stageId: column.stageId, index, card: column.cards[index]! };
    }
    return undefined;
  }

  /**
   * The cards around a place in a column, ignoring the moving card: what the core needs to
   * position it (`afterId` above, `beforeId` below).
   */
  neighbours(
    placement: Placement,
    movingId: string,
  ): { afterId: string | null; beforeId: string | null } {
    const column = this.column(placement.stageId);
    const cards = (column?.cards ?? []).filter((card) => card?.id !== movingId);
    return {
      afterId: placement.index > 0 ? (cards[placement.index - 1]?.id ?? null) : null,
      beforeId: cards[placement.index]?.id ?? null,
    };
  }

  /** Apply a move now; returns the undo for when the core refuses it. */
  move(dealId: string, to: Placement, patch: Partial<DealCard> = {}): () => void {
    const before = this.state;
    const from = this.find(dealId);
    if (!from) return () => {};
    const card: DealCard = { ...from.card, stageId: to.stageId, ...patch };
    let columns = before.columns.map((column) => {
      if (column.stageId !== from.stageId) return column;
      const cards = column.cards.slice();
      cards.splice(from.index, 1);
      return {
        ...column,
        cards,
        count: column.count - 1,
        totals: adjustTotals(column.totals, from.card, this.probabilityOf(column.stageId), -1),
      };
    });
    columns = columns.map((column) => {
      if (column.stageId !== to.stageId) return column;
      const cards = column.cards.slice();
      cards.splice(Math.min(to.index, cards.length), 0, card);
      return {
        ...column,
        cards,
        count: column.count + 1,
        totals: adjustTotals(column.totals, card, this.probabilityOf(column.stageId), 1),
      };
    });
    this.set({ ...before, columns });
    return () => this.set(before);
  }

  private updateColumn(stageId: string, update: (column: ColumnState) => ColumnState): void {
    this.set({
      ...this.state,
      columns: this.state.columns.map((column) =>
        column.stageId === stageId ? update(column) : column,
      ),
    });
  }

  private set(next: BoardState): void {
    this.state = next;
    this.listeners.forEach((listener) => listener());
  }
}
