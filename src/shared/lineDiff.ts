/**
 * A line diff (longest common subsequence), for comparing versions of a handover's sections.
 * Sections are short (tens of lines), so the plain O(n·m) table is fast enough; the common head
 * and tail are cut off first, which is all an edit of one line in a long section needs.
 */
export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

const lines = (text: string) => (text === '' ? [] : text.replace(/\r\n?/g, '\n').split('\n'));

/** Past this many cells the middle is shown as removed-then-added instead of aligned. */
const MAX_CELLS = 4_000_000;

export function lineDiff(before: string, after: string): DiffLine[] {
  const a = lines(before);
  const b = lines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail += 1;
  }
  const out: DiffLine[] = a.slice(0, head).map((text) => ({ kind: 'same', text }));
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  if (x.length * y.length > MAX_CELLS) {
    out.push(...x.map((text) => ({ kind: 'removed' as const, text })));
    out.push(...y.map((text) => ({ kind: 'added' as const, text })));
  } else {
    out.push(...middle(x, y));
  }
  out.push(...a.slice(a.length - tail).map((text) => ({ kind: 'same' as const, text })));
  return out;
}

function middle(x: string[], y: string[]): DiffLine[] {
  const n = x.length;
  const m = y.length;
  // lcs[i][j]: length of the common subsequence of x[i..] and y[j..], in one flat array.
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        x[i] === y[j]
          ? lcs[(i + 1) * width + j + 1]! + 1
          : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      out.push({ kind: 'same', text: x[i]! });
      i += 1;
      j += 1;
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) {
      out.push({ kind: 'removed', text: x[i]! });
      i += 1;
    } else {
      out.push({ kind: 'added', text: y[j]! });
      j += 1;
    }
  }
  while (i < n) out.push({ kind: 'removed', text: x[i++]! });
  while (j < m) out.push({ kind: 'added', text: y[j++]! });
  return out;
}
