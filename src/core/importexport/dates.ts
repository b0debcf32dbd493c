/**
 * Dates as spreadsheets write them: ISO, day-first and month-first with slashes, dots or dashes,
 * and month names; with or without a time and a zone. Read into UTC milliseconds.
 */
import { Bad, quote } from './values';

const MONTHS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
] as const;

export type DayOrder = 'dmy' | 'mdy';

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const NUMERIC =
  /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?$/i;
const YEAR_FIRST = /^(\d{4})[./](\d{1,2})[./](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const DAY_MONTH_NAME =
  /^(\d{1,2})(?:st|nd|rd|th)?[\s.-]+([a-z]{3,9})\.?[\s.,-]+(\d{4})(?:[ ,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?$/i;
const MONTH_NAME_DAY =
  /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[ ,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?$/i;

/**
 * Whether a column of slashed dates is day-first or month-first, from the values that give it
 * away (31/03 can only be day-first). `fallback` when none does.
 */
export function dayOrderOf(values: Iterable<string>, fallback: DayOrder): DayOrder {
  let dayFirst = false;
  let monthFirst = false;
  for (const value of values) {
    const match = NUMERIC.exec(value.trim());
    if (!match || match[2] === '.') continue;
    if (Number(match[1]) > 12) dayFirst = true;
    if (Number(match[3]) > 12) monthFirst = true;
  }
  if (dayFirst !== monthFirst) return dayFirst ? 'dmy' : 'mdy';
  return fallback;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
/** Offsets change on the quarter hour at most (DST, and zones such as Asia/Kathmandu). */
const QUARTER_HOUR = 15 * 60_000;

/**
 * Milliseconds a zone is ahead of UTC at a given moment (Europe/Berlin in summer: +2 h). A file
 * has thousands of times; building a formatter costs tens of microseconds, so formatters and
 * offsets are kept.
 */
function zoneOffset(utcMs: number, zone: string): number {
  const key = `${zone}:${Math.floor(utcMs / QUARTER_HOUR)}`;
  let offset = offsets.get(key);
  if (offset !== undefined) return offset;
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  const parts = format.formatToParts(utcMs);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  offset = asUtc - Math.floor(utcMs / 1000) * 1000;
  if (offsets.size > 100_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

function monthNumber(name: string): number {
  const index = MONTHS.indexOf(name.slice(0, 3).toLowerCase() as (typeof MONTHS)[number]);
  return index < 0 ? 0 : index + 1;
}

interface DateParts {
  year: number;
  month: number;
  day: number;
  time: [number, number, number, number] | null;
  /** "Z" or "+02:00"; null: the wall clock of the team's zone. */
  offset: string | null;
}

function hour12(hour: number, meridiem: string | undefined): number {
  if (!meridiem) return hour;
  const pm = meridiem.toLowerCase() === 'pm';
  return (hour % 12) + (pm ? 12 : 0);
}

function partsOf(text: string, order: DayOrder): DateParts | null {
  let m = ISO.exec(text);
  if (m) {
    const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
    return {
      year: +m[1]!,
      month: +m[2]!,
      day: +m[3]!,
      time: m[4] ? [+m[4], +m[5]!, +(m[6] ?? 0), ms] : null,
      offset: m[8] ?? null,
    };
  }
  m = NUMERIC.exec(text);
  if (m) {
    const dayFirst = m[2] === '.' || order === 'dmy';
    const year = m[4]!.length === 2 ? 2000 + Number(m[4]) : Number(m[4]);
    return {
      year,
      month: Number(dayFirst ? m[3] : m[1]),
      day: Number(dayFirst ? m[1] : m[3]),
      time: m[5] ? [hour12(+m[5], m[8]), +m[6]!, +(m[7] ?? 0), 0] : null,
      offset: null,
    };
  }
  m = YEAR_FIRST.exec(text);
  if (m) {
    return {
      year: +m[1]!,
      month: +m[2]!,
      day: +m[3]!,
      time: m[4] ? [+m[4], +m[5]!, +(m[6] ?? 0), 0] : null,
      offset: null,
    };
  }
  m = DAY_MONTH_NAME.exec(text);
  if (m && monthNumber(m[2]!)) {
    return {
      year: +m[3]!,
      month: monthNumber(m[2]!),
      day: +m[1]!,
      time: m[4] ? [hour12(+m[4], m[7]), +m[5]!, +(m[6] ?? 0), 0] : null,
      offset: null,
    };
  }
  m = MONTH_NAME_DAY.exec(text);
  if (m && monthNumber(m[1]!)) {
    return {
      year: +m[3]!,
      month: monthNumber(m[1]!),
      day: +m[2]!,
      time: m[4] ? [hour12(+m[4], m[7]), +m[5]!, +(m[6] ?? 0), 0] : null,
      offset: null,
    };
  }
  return null;
}

const NOON = 12 * 3_600_000;

const notDate = (text: string, label: string) =>
  new Bad(`${label} ${quote(text)} is not a date; write it like 2026-03-31 or 31/03/2026`);

/**
 * A date or a moment, as UTC ms. A date without a time is noon UTC of that day, so that it shows
 * as the same calendar day in every zone people work in; a time without a zone is the team's
 * wall clock (UTC when the team has no zone).
 */
export function readDate(
  text: string,
  label: string,
  order: DayOrder,
  zone: string | null,
): number | Bad {
  const parts = partsOf(text.trim(), order);
  if (!parts) return notDate(text, label);
  const { year, month, day, time, offset } = parts;
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2999) {
    return notDate(text, label);
  }
  const dayStart = Date.UTC(year, month - 1, day);
  if (new Date(dayStart).getUTCDate() !== day) return notDate(text, label);
  if (!time) return dayStart + NOON;
  const [hours, minutes, seconds, ms] = time;
  if (hours > 23 || minutes > 59 || seconds > 59) return notDate(text, label);
  const wall = dayStart + ((hours * 60 + minutes) * 60 + seconds) * 1000 + ms;
  if (offset) {
    if (offset.toUpperCase() === 'Z') return wall;
    const sign = offset[0] === '-' ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    const shift = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000;
    return wall - sign * shift;
  }
  if (!zone) return wall;
  // The offset at the wall time, corrected once for a change of offset in between.
  const first = wall - zoneOffset(wall, zone);
  return wall - zoneOffset(first, zone);
}

/** A date for an export: the calendar day of a date-only value, the full ISO moment otherwise. */
export function formatDay(ms: number | null): string {
  return ms == null ? '' : new Date(ms).toISOString().slice(0, 10);
}

export function formatMoment(ms: number | null): string {
  return ms == null ? '' : new Date(ms).toISOString();
}
