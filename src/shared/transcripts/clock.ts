/**
 * Clock times as transcripts write them: `01:02:03.500` (WebVTT), `01:02:03,500` (SRT), `02:03`
 * or `1:02:03` (stamps in plain text). Minutes may run past 59 only when there is no hour field
 * (`75:10` in a long call); seconds always stay under 60.
 */
const CLOCK = /^(?:(\d+):)?(\d+):(\d{2})(?:[.,](\d{1,3}))?$/;

/** Seconds from the start of the call, or null when the text is not a time. */
export function parseClock(value: string): number | null {
  const match = CLOCK.exec(value.trim());
  if (!match) return null;
  const [, hours, minutes = '0', seconds = '0', fraction = ''] = match;
  const m = Number(minutes);
  const s = Number(seconds);
  if (s >= 60 || (hours !== undefined && (m >= 60 || minutes.length !== 2))) return null;
  return round3(
    (hours ? Number(hours) * 3600 : 0) + m * 60 + s + Number(fraction.padEnd(3, '0')) / 1000,
  );
}

/** Times are kept to the millisecond, so sums in tests and in the scorer are exact enough. */
export function round3(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
