import { describe, expect, it } from 'vitest';
import { lineDiff } from './lineDiff';

const render = (before: string, after: string) =>
  lineDiff(before, after).map(({ kind, text }) =>
    kind === 'same' ? `  ${text}` : kind === 'added' ? `+ ${text}` : `- ${text}`,
  );

describe('line diff', () => {
  it('keeps what both texts share and marks the rest', () => {
    expect(render('a\nb\nc\nd', 'a\nc\nx\nd\ne')).toEqual([
      '  a',
      '- b',
      '  c',
      '+ x',
      '  d',
      '+ e',
    ]);
  });

  it('shows a changed line as removed then added', () => {
    expect(render('Goal: 20%\nBy June', 'Goal: 30%\nBy June')).toEqual([
      '- Goal: 20%',
      '+ Goal: 30%',
      '  By June',
    ]);
  });

  it('handles empty texts and Windows line ends', () => {
    expect(render('', '')).toEqual([]);
    expect(render('', 'one\ntwo')).toEqual(['+ one', '+ two']);
    expect(render('one\r\ntwo', '')).toEqual(['- one', '- two']);
    expect(render('one\r\ntwo', 'one\ntwo')).toEqual(['  one', '  two']);
  });

  it('gives back both texts exactly, on random edits', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const words = ['goal', 'risk', 'SSO', 'June', 'CFO', ''];
    for (let round = 0; round < 200; round++) {
      const text = () =>
        Array.from({ length: Math.floor(random() * 8) }, () => words[Math.floor(random() * 6)]!);
      const before = text();
      const after = text();
      const diff = lineDiff(before.join('\n'), after.join('\n'));
      const old = diff.filter((l) => l.kind !== 'added').map((l) => l.text);
      const now = diff.filter((l) => l.kind !== 'removed').map((l) => l.text);
      // An empty text has no lines; one empty line is a line.
      expect(old).toEqual(before.join('\n') === '' ? [] : before);
      expect(now).toEqual(after.join('\n') === '' ? [] : after);
      // Minimal: as many kept lines as the longest common subsequence allows.
      const lcs = (a: string[], b: string[]): number => {
        const t = Array.from({ length: a.length + 1 }, () =>
          new Array<number>(b.length + 1).fill(0),
        );
        for (let i = a.length - 1; i >= 0; i--)
          for (let j = b.length - 1; j >= 0; j--)
            t[i]![j] =
              a[i] === b[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
        return t[0]![0]!;
      };
      expect(diff.filter((l) => l.kind === 'same').length).toBe(lcs(old, now));
    }
  });
});
