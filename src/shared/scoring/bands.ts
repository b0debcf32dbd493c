import type { Band } from './config';

/**
 * A value's 0..100 score on a piecewise-linear band: interpolated between the two points around
 * it, and the score of the first or last point beyond them. Rounded to a whole number.
 */
export function scoreOnBand(band: Band, value: number): number {
  const first = band[0]!;
  const last = band[band.length - 1]!;
  if (value <= first[0]) return Math.round(first[1]);
  if (value >= last[0]) return Math.round(last[1]);
  for (let i = 1; i < band.length; i++) {
    const [x1, y1] = band[i]!;
    if (value <= x1) {
      const [x0, y0] = band[i - 1]!;
      return Math.round(y0 + ((y1 - y0) * (value - x0)) / (x1 - x0));
    }
  }
  return Math.round(last[1]);
}
