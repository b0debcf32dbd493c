/**
 * Words and numbers of call scores: plain functions of their input, shared by the call page, the
 * coaching tab, the settings page and the score badges.
 */
import type { CallDetail, CallScoreOutput } from '../../../shared/contract/scoring';
import { LOW_SCORE } from '../../../shared/scoring/low';

type Unit = CallScoreOutput['dimensions'][number]['unit'];
type Scorer = Pick<CallScoreOutput, 'scorer' | 'fallbackReason'>;

/** Until the distribution says the team's threshold, this is "low" (the live dashboard's too). */
export const DEFAULT_LOW_THRESHOLD = LOW_SCORE;

/** A clock position in a call: `02:14`, or `1:02:14` past an hour. Seconds, rounded down. */
export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(rest)}` : `${pad(minutes)}:${pad(rest)}`;
}

/** A span of seconds as people say it: `45 s`, `2 min 30 s`, `4 min`. */
export function formatSeconds(seconds: number): string {
  if (seconds < 10) return `${(Math.round(seconds * 10) / 10).toLocaleString()} s`;
  const total = Math.round(seconds);
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

const oneDecimal = (n: number) =>
  n.toLocaleString(undefined, { minimumFractionDigits: 0, maximumFractionDigits: 1 });

/** A dimension's measured value in its unit; `Not measured` when there is none. */
export function formatDimensionValue(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return 'Not measured';
  switch (unit) {
    case 'percent':
      return `${Math.round(value * 100)}%`;
    case 'seconds':
      return formatSeconds(value);
    case 'count':
      return Math.round(value).toLocaleString();
    case 'perMinute':
      return `${oneDecimal(value)} / min`;
    case 'wpm':
      return `${Math.round(value)} wpm`;
    case 'score': {
      const rounded = Math.round(value * 100) / 100;
      return `${rounded > 0 ? '+' : rounded < 0 ? '−' : ''}${Math.abs(rounded).toFixed(2)}`;
    }
    case 'boolean':
      return value >= 0.5 ? 'Yes' : 'No';
  }
}

/** A 0–100 score as shown: a whole number. */
export function formatScore(score: number | null | undefined): string {
  return score == null || !Number.isFinite(score) ? '—' : String(Math.round(score));
}

export type ScoreTone = 'good' | 'fair' | 'low' | 'none';

/** Green from 70, amber in between, red under the team's low threshold. */
export function scoreTone(
  score: number | null | undefined,
  lowThreshold = DEFAULT_LOW_THRESHOLD,
): ScoreTone {
  if (score == null || !Number.isFinite(score)) return 'none';
  if (score < lowThreshold) return 'low';
  return score >= Math.max(70, lowThreshold) ? 'good' : 'fair';
}

/** What the tone means, for screen readers and tooltips. */
export const TONE_WORDS: Record<ScoreTone, string> = {
  good: 'strong',
  fair: 'fair',
  low: 'low',
  none: 'not scored',
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The local rules' name as stored ("local rules", "local") reads as "the local rules v1". */
function localName(scorer: CallScoreOutput['scorer']): string {
  const version = scorer.version ? ` v${scorer.version.replace(/^v/i, '')}` : '';
  return `the local rules${version}`;
}

/**
 * Who produced a score, in one sentence: "Scored on this laptop by the local rules v1",
 * "Scored by gpt-4o-mini (remote)", or, when the remote scorer failed and the local rules stood
 * in, "The remote scorer timed out; scored by the local rules v1".
 */
export function scorerSentence(score: Scorer): string {
  if (score.fallbackReason) {
    const reason = score.fallbackReason.trim().replace(/[.\s]+$/, '');
    const said = /^the\b/i.test(reason)
      ? capitalise(reason)
      : /^(timed|failed|answered|returned|gave|did|could|was|is|has|had|sent|refused)\b/i.test(
            reason,
          )
        ? `The remote scorer ${reason}`
        : `The remote scorer failed (${reason})`;
    return `${said}; scored by ${localName(score.scorer)}`;
  }
  if (score.scorer.kind === 'local') return `Scored on this laptop by ${localName(score.scorer)}`;
  return `Scored by ${score.scorer.name} (remote) with the local rules`;
}

/** A short form for a chip: "Local rules v1", "gpt-4o-mini", "Local rules (fallback)". */
export function scorerShort(score: Scorer): string {
  if (score.fallbackReason) return 'Local rules (remote failed)';
  if (score.scorer.kind === 'local') return capitalise(localName(score.scorer).slice(4));
  return score.scorer.name;
}

/** How the rep was recognised, and whether a person should check it. */
export function repFoundText(
  repFoundBy: CallDetail['repFoundBy'],
  repSpeaker: string | null,
): { text: string; check: boolean } {
  if (repSpeaker === null) {
    return { text: 'Nobody in the transcript is known as the rep: say who it is.', check: true };
  }
  switch (repFoundBy) {
    case 'name':
      return { text: 'Recognised from the team’s names and emails.', check: false };
    case 'introduction':
      return { text: 'Recognised from how they introduced themselves.', check: false };
    case 'person':
      return { text: 'Chosen by a person.', check: false };
    case 'first-speaker':
    case null:
      return {
        text: 'A guess: the first speaker was taken to be the rep. Check it, and correct it if it is wrong.',
        check: true,
      };
  }
}

/** `[0, 10)`, …, `[90, 100]` as "0–9", …, "90–100". */
export function bucketLabel(from: number, to: number): string {
  return to >= 100 ? `${from}–100` : `${from}–${to - 1}`;
}

/**
 * The segment a moment of the call falls in: the one that contains `at` (the speaker's own, when
 * turns overlap), else the nearest one that starts before it; -1 for an empty transcript.
 */
export function segmentAt(
  segments: readonly { start: number; end: number; speaker: string }[],
  at: number,
  speaker?: string,
): number {
  const EPSILON = 0.001;
  let containing = -1;
  let before = -1;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.start > at + EPSILON) continue;
    before = i;
    if (at <= segment.end + EPSILON) {
      if (speaker !== undefined && segment.speaker === speaker) return i;
      if (containing === -1) containing = i;
    }
  }
  if (containing !== -1) return containing;
  if (before !== -1) return before;
  return segments.length > 0 ? 0 : -1;
}

/** Words of the quote inside a segment's text, for marking them: [start, end) or null. */
export function quoteRange(text: string, quote: string): [number, number] | null {
  const needle = quote
    .trim()
    .replace(/^[“”"'‘’…\s]+|[“”"'‘’…\s]+$/g, '')
    .toLowerCase();
  if (needle.length < 2) return null;
  const at = text.toLowerCase().indexOf(needle);
  return at === -1 ? null : [at, at + needle.length];
}

/** A quote shortened for a chip, at a word boundary. */
export function shortQuote(quote: string, max = 48): string {
  const text = quote.trim().replace(/\s+/g, ' ');
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[,;:.\s]+$/, '')}…`;
}

/** Each dimension's share of the overall score, from the weights (0 weight: not counted). */
export function weightShares(weights: Record<string, number>): Record<string, number> {
  const total = Object.values(weights).reduce((sum, w) => sum + (w > 0 ? w : 0), 0);
  return Object.fromEntries(
    Object.entries(weights).map(([id, w]) => [id, total > 0 && w > 0 ? w / total : 0]),
  );
}

/** The best and worst dimensions of a rep, for "strengths" and "weak spots". */
export function strengthsAndWeakSpots<T extends { average: number }>(
  dimensions: readonly T[],
  count = 3,
): { strengths: T[]; weakSpots: T[] } {
  const sorted = [...dimensions].sort((a, b) => b.average - a.average);
  const strengths = sorted.slice(0, Math.min(count, Math.ceil(sorted.length / 2)));
  const weakSpots = sorted
    .slice(strengths.length)
    .reverse()
    .slice(0, count)
    .filter((d) => d.average < 100);
  return { strengths, weakSpots };
}

/**
 * An error as a sentence for a panel: without the method and field names the API puts in front
 * ("transcripts.import: text: the file is empty" → "The file is empty").
 */
export function errorSentence(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  message = message.replace(/^[a-z]+\.[A-Za-z]+: /, '');
  const field = (error as { field?: unknown } | null)?.field;
  if (typeof field === 'string' && message.startsWith(`${field}: `)) {
    message = message.slice(field.length + 2);
  }
  return capitalise(message.trim());
}

export interface BandGeometry {
  /** The value range drawn, left to right. */
  from: number;
  to: number;
  /** Each band point across the strip (0..1) with its score, for the colour stops. */
  stops: { at: number; score: number }[];
  /** Where the band gives its best score, across the strip (0..1). */
  target: { from: number; to: number; valueFrom: number; valueTo: number } | null;
  /** Where the call's value sits across the strip (0..1), or null when it was not measured. */
  marker: number | null;
}

/**
 * How a band is drawn: the value axis spans the band's points and the call's value, with a little
 * room either side; the stretch where the band gives its best score is the target.
 */
export function bandGeometry(
  band: readonly [number, number][],
  value: number | null,
): BandGeometry | null {
  if (band.length < 2) return null;
  const first = band[0]![0];
  const last = band[band.length - 1]![0];
  const measured = value !== null && Number.isFinite(value) ? value : null;
  let from = Math.min(first, measured ?? first);
  let to = Math.max(last, measured ?? last);
  const pad = (to - from) * 0.08 || 1;
  from = first >= 0 && from - pad < 0 ? Math.min(0, from) : from - pad;
  to += pad;
  const across = (v: number) => (v - from) / (to - from);
  const best = Math.max(...band.map(([, score]) => score));
  const bestPoints = band.filter(([, score]) => score >= best - 0.5);
  const valueFrom = bestPoints[0]![0];
  const valueTo = bestPoints[bestPoints.length - 1]![0];
  // The band keeps its first and last scores beyond its ends.
  const startsBest = band[0]![1] >= best - 0.5;
  const endsBest = band[band.length - 1]![1] >= best - 0.5;
  const target = {
    from: startsBest ? 0 : across(valueFrom),
    to: endsBest ? 1 : across(valueTo),
    valueFrom: startsBest ? -Infinity : valueFrom,
    valueTo: endsBest ? Infinity : valueTo,
  };
  return {
    from,
    to,
    stops: [
      { at: 0, score: band[0]![1] },
      ...band.map(([v, score]) => ({ at: across(v), score })),
      { at: 1, score: band[band.length - 1]![1] },
    ],
    target,
    marker: measured === null ? null : across(measured),
  };
}

/** The target stretch in words: "38%–50%", "at most 2 min 30 s", "at least 4 min". */
export function targetText(target: BandGeometry['target'], unit: Unit): string | null {
  if (!target) return null;
  const show = (v: number) => formatDimensionValue(v, unit);
  if (target.valueFrom === -Infinity && target.valueTo === Infinity) return null;
  if (target.valueFrom === -Infinity) return `at most ${show(target.valueTo)}`;
  if (target.valueTo === Infinity) return `at least ${show(target.valueFrom)}`;
  if (target.valueFrom === target.valueTo) return `about ${show(target.valueFrom)}`;
  return `${show(target.valueFrom)} – ${show(target.valueTo)}`;
}

export type CoachingRange = '30d' | '90d' | '365d';

export const COACHING_RANGES: { kind: CoachingRange; label: string; days: number }[] = [
  { kind: '30d', label: 'Last 30 days', days: 30 },
  { kind: '90d', label: 'Last 90 days', days: 90 },
  { kind: '365d', label: 'Last 12 months', days: 365 },
];

/** The range a coaching view shows: whole local days ending tonight at midnight. */
export function coachingRange(kind: string | null, now = Date.now()) {
  const choice = COACHING_RANGES.find((r) => r.kind === kind) ?? COACHING_RANGES[0]!;
  const end = new Date(now);
  end.setHours(24, 0, 0, 0);
  const start = new Date(end);
  start.setDate(start.getDate() - choice.days);
  return { kind: choice.kind, label: choice.label, from: start.getTime(), to: end.getTime() };
}

/** The points of a trend that have an average, and the change from the first to the last. */
export function trendSummary(points: readonly { at: number; average: number | null }[]): {
  values: { at: number; average: number }[];
  change: number | null;
} {
  const values = points.filter(
    (p): p is { at: number; average: number } => p.average !== null && Number.isFinite(p.average),
  );
  const change =
    values.length >= 2 ? values[values.length - 1]!.average - values[0]!.average : null;
  return { values, change };
}
