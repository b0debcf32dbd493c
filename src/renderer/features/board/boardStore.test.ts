import { describe, expect, it } from 'vitest';
import type { BoardColumn, DealCard } from '../../../shared/domain';
import { BoardStore } from './boardStore';

const card = (id: string, stageId: string, valueMinor = 1000): DealCard => ({
  id,
  title: id,
  stageId,
  accountName: null,
  valueMinor,
  currency: 'EUR',
  ownerId: null,
  ownerName: null,
  status: 'open',
  followUpAt: null,
  lastActivityAt: 0,
  position: 0,
  rotting: false,
});

function board(): { columns: BoardColumn[]; now: number } {
  return {
    now: 1,
    columns: [
      {
        stageId: 'a',
        count: 5,
        totals: [{ currency: 'EUR', valueMinor: 5000, weightedMinor: 500 }],
        cards: ['a1', 'a2', 'a3'].map((id) => card(id, 'a')),
      },
      {
        stageId: 'b',
        count: 1,
        totals: [{ currency: 'EUR', valueMinor: 1000, weightedMinor: 500 }],
        cards: [card('b1', 'b')],
      },
    ],
  };
}

const ids = (store: BoardStore, stageId: string) => store.column(stageId)!.cards.map((c) => c?.id);

describe('BoardStore', () => {
  it('holds the loaded cards as a window over each column and knows which pages are missing', () => {
    const store = new BoardStore();
    store.load(board());
    expect(ids(store, 'a')).toEqual(['a1', 'a2', 'a3', undefined, undefined]);
    expect(store.missingPages('a', 0, 4, 2)).toEqual([2, 4]);
    store.addPage('a', 3, [card('a4', 'a'), card('a5', 'a')]);
    expect(store.missingPages('a', 0, 4, 2)).toEqual([]);
  });

  it('moves a card at once, with counts and weighted totals, and undoes it', () => {
    const store = new BoardStore();
    store.setProbabilities(
      new Map([
        ['a', 10],
        ['b', 50],
      ]),
    );
    store.load(board());
    const before = store.getSnapshot();
    const undo = store.move('a2', { stageId: 'b', index: 1 });
    expect(ids(store, 'a').slice(0, 2)).toEqual(['a1', 'a3']);
    expect(ids(store, 'b')).toEqual(['b1', 'a2']);
    expect(store.column('a')).toMatchObject({
      count: 4,
      totals: [{ valueMinor: 4000, weightedMinor: 400 }],
    });
    expect(store.column('b')).toMatchObject({
      count: 2,
      totals: [{ valueMinor: 2000, weightedMinor: 1000 }],
    });
    expect(store.find('a2')).toMatchObject({ stageId: 'b', index: 1 });
    undo();
    expect(store.getSnapshot()).toBe(before);
  });

  it('names the neighbours of a drop place, not counting the card being moved', () => {
    const store = new BoardStore();
    store.load(board());
    expect(store.neighbours({ stageId: 'a', index: 0 }, 'a2')).toEqual({
      afterId: null,
      beforeId: 'a1',
    });
    expect(store.neighbours({ stageId: 'a', index: 1 }, 'a2')).toEqual({
      afterId: 'a1',
      beforeId: 'a3',
    });
    expect(store.neighbours({ stageId: 'b', index: 1 }, 'a2')).toEqual({
      afterId: 'b1',
      beforeId: null,
    });
  });
});
