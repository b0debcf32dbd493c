import { describe, expect, it } from 'vitest';
import { shareAmongKinds, toFtsQuery } from './query';

const hit = (kind: string, n: number) => ({ kind, n });

describe('shareAmongKinds', () => {
  it('takes in turn from each kind, best first, and keeps the ranked order', () => {
    const ranked = [
      hit('deal', 1),
      hit('deal', 2),
      hit('deal', 3),
      hit('account', 4),
      hit('deal', 5),
      hit('note', 6),
    ];
    expect(shareAmongKinds(ranked, 4).map((h) => h.n)).toEqual([1, 2, 4, 6]);
    expect(shareAmongKinds(ranked, 10)).toEqual(ranked);
    expect(shareAmongKinds([], 5)).toEqual([]);
  });
});

describe('toFtsQuery', () => {
  it('makes every word a quoted prefix, so FTS syntax typed by a person is only text', () => {
    expect(toFtsQuery('acm glo')).toBe('"acm"* "glo"*');
    expect(toFtsQuery('NOT "x" OR -y')).toBe('"NOT"* "x"* "OR"* "y"*');
    expect(toFtsQuery(' -- ')).toBeNull();
  });
});
