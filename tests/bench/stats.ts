/** One benchmark figure, printed as one JSON line next to its target. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The figure must stay below this. */
  target?: number;
  /** The figure must reach at least this (throughputs). */
  atLeast?: number;
  /** Median over `runs` repetitions. */
  runs?: number;
  note?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function round(value: number, digits = 3): number {
  return Number(value.toFixed(digits));
}

export function print(figure: Figure): void {
  const withinTarget =
    figure.target !== undefined
      ? figure.value < figure.target
      : figure.atLeast !== undefined
        ? figure.value >= figure.atLeast
        : undefined;
  console.log(
    JSON.stringify({
      ...figure,
      value: round(figure.value),
      ...(withinTarget === undefined ? {} : { ok: withinTarget }),
    }),
  );
}
