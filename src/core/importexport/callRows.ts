/**
 * Checking the rows of a call log: when the call began and ended, which way it went, the
 * customer's number, the rep, and the outcome in our words. Rows that pass become call records;
 * matching them to contacts and deals, and finding duplicates, is the write step's (callWrite.ts).
 */
import type { ImportField, ImportRep, ImportRepChoices } from '../../shared/contract';
import type { CallDisposition } from '../../shared/domain/followUpRules';
import { durationUnitMs, isMomentColumn } from './callHeaders';
import {
  phoneKey,
  readAnswered,
  readDirection,
  readDuration,
  readOutcome,
  readPhone,
  type CallDirection,
} from './callValues';
import { dayOrderOf, readDate, type DayOrder } from './dates';
import { OwnerFinder, type TeamMember } from './finders';
import type { ParsedCsv } from './parse';
import { Bad, quote } from './values';

/** A number of the row that may be the customer's, with the digits that find their contact. */
export interface CallNumber {
  phone: string;
  key: string | null;
  /** Which column it came from: the customer's, or the caller's or callee's. */
  side: 'phone' | 'from' | 'to';
}

export interface CallRecord {
  line: number;
  startedAt: number;
  endedAt: number;
  /** Null when the file does not say: the number that finds a contact decides. */
  direction: CallDirection | null;
  /** The customer's number first; two candidates when the direction is not known. */
  numbers: CallNumber[];
  /** Undefined: the file names no rep, so the calls are the importing person's. Null: no rep. */
  repId: string | null | undefined;
  disposition: CallDisposition | null;
  notes: string | null;
  nextStep: string | null;
  callId: string | null;
}

/** What a row checker lends the call reader: its cells, and where problems go. */
export interface Cells {
  text(row: string[], field: ImportField): string | null;
  read<T>(row: string[], field: ImportField, read: (text: string) => T | Bad): T | null;
  fail(field: ImportField | null, message: string): void;
  /** Problems found in the current row so far. */
  problems(): number;
}

export interface CallCheckContext {
  users: readonly TeamMember[];
  /** Times without an offset are read in this zone. */
  zone: string;
  now: number;
  /** Dates written 03/04/2026 are month first (a US team) unless the file shows otherwise. */
  fallbackOrder: DayOrder;
  reps: ImportRepChoices;
}

/** A call that starts this long after now is a time-zone slip or a typo. */
const FUTURE_SLACK_MS = 60 * 60_000;
const WEEKDAY = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i;
const HAS_TIME = /\d{1,2}:\d{2}/;
const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?$/i;
const EMAIL_INSIDE = /[^\s<>()"',;]+@[^\s<>()"',;]+\.[a-z]{2,}/i;

/**
 * Finds the team member a dialer's user column names: by email or name, by an address inside
 * ("Rita Rep <rita@…>"), or by the name after an extension ("101 - Rita Rep"); the person
 * importing may have said who someone is (`choices`), which comes first.
 */
export class RepFinder {
  private readonly owners: OwnerFinder;
  private readonly found = new Map<string, string | null | Bad>();

  constructor(
    users: readonly TeamMember[],
    private readonly choices: ImportRepChoices = {},
  ) {
    this.owners = new OwnerFinder(users, 'Rep');
  }

  find(text: string): string | null | Bad {
    const value = text.trim();
    let rep = this.found.get(value);
    if (rep === undefined) {
      rep = this.lookUp(value);
      if (this.found.size < 10_000) this.found.set(value, rep);
    }
    return rep;
  }

  private lookUp(value: string): string | null | Bad {
    if (Object.hasOwn(this.choices, value)) return this.choices[value]!;
    const direct = this.owners.find(value);
    if (!(direct instanceof Bad)) return direct;
    const email = EMAIL_INSIDE.exec(value)?.[0];
    const stripped = value
      .replace(/\s*<[^>]*>\s*$/, '')
      .replace(/^\d+\s*[-–:]\s*/, '')
      .replace(/\s*[-–(]\s*\d+\)?$/, '')
      .trim();
    for (const alternative of [email, stripped]) {
      if (!alternative || alternative === value) continue;
      const found = this.owners.find(alternative);
      if (!(found instanceof Bad)) return found;
    }
    return direct;
  }
}

/** The distinct people a column names, with their number of calls, most calls first. */
export function repsOf(
  csv: ParsedCsv,
  column: number,
  users: readonly TeamMember[],
  limit = 200,
): ImportRep[] {
  const counts = new Map<string, number>();
  for (const row of csv.rows) {
    const value = row[column]?.trim() ?? '';
    if (value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const finder = new RepFinder(users);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([value, calls]) => {
      const found = finder.find(value);
      return { value, calls, userId: typeof found === 'string' ? found : null };
    });
}

/** A date written in 12-hour time: "2:05 PM" → "14:05:00", so every date form can take it. */
function clock24(text: string): string | null {
  const match = TIME_OF_DAY.exec(text.trim());
  if (!match) return null;
  let hours = Number(match[1]);
  const meridiem = match[4]?.toLowerCase();
  if (meridiem) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  return `${String(hours).padStart(2, '0')}:${match[2]}:${match[3] ?? '00'}`;
}

export class CallRows {
  private readonly reps: RepFinder;
  private readonly order: DayOrder;
  private readonly durationUnit: number;
  private readonly answeredIsMoment: boolean;

  constructor(
    private readonly context: CallCheckContext,
    csv: ParsedCsv,
    private readonly columns: Map<ImportField, number>,
    private readonly cells: Cells,
  ) {
    this.reps = new RepFinder(context.users, context.reps);
    const dates: string[] = [];
    for (const field of ['startedAt', 'endedAt'] as const) {
      const index = columns.get(field);
      if (index !== undefined) for (const row of csv.rows) dates.push(row[index]!);
    }
    this.order = dayOrderOf(
      dates.map((text) => text.trim().replace(WEEKDAY, '')),
      context.fallbackOrder,
    );
    const header = (field: ImportField) => {
      const index = columns.get(field);
      return index === undefined ? '' : (csv.headers[index] ?? '');
    };
    this.durationUnit = durationUnitMs(header('duration'));
    this.answeredIsMoment = isMomentColumn(header('answered'));
  }

  /** A moment: a date and time as spreadsheets and dialers write them, or a Unix timestamp. */
  private moment(text: string, label: string, timeText: string | null): number | Bad {
    const value = text.trim().replace(WEEKDAY, '');
    if (/^\d{10}(?:\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
    if (/^\d{13}$/.test(value)) return Number(value);
    let full = value;
    if (timeText !== null) {
      const time = clock24(timeText);
      if (time === null) {
        return new Bad(
          `Start time ${quote(timeText)} is not a time of day; write it like 14:05 or 2:05 PM`,
        );
      }
      if (HAS_TIME.test(value)) {
        return new Bad(
          `${label} ${quote(text.trim())} has a time already, and Start time gives another`,
        );
      }
      full = `${value} ${time}`;
    } else if (!HAS_TIME.test(value)) {
      return new Bad(
        `${label} ${quote(text.trim())} has no time of day; map the column that holds it to Start time`,
      );
    } else {
      // "03/04/2026 2:05 PM" reads as it is; ISO dates need the 24-hour clock.
      const twelve = /^(.*?)[ T,]+(\d{1,2}:\d{2}(?::\d{2})?\s*[ap]m)$/i.exec(value);
      if (twelve && /^\d{4}-/.test(twelve[1]!)) full = `${twelve[1]} ${clock24(twelve[2]!)}`;
    }
    const at = readDate(full, label, this.order, this.context.zone);
    if (at instanceof Bad) {
      return new Bad(
        `${label} ${quote([text.trim(), timeText].filter(Boolean).join(' '))} is not a date and time; write it like 2026-03-31 14:05 or 31/03/2026 2:05 PM`,
      );
    }
    return at;
  }

  read(row: string[], line: number): CallRecord | null {
    const { cells } = this;
    const startText = cells.text(row, 'startedAt');
    const timeText = cells.text(row, 'startTime');
    let startedAt: number | null = null;
    if (startText === null) {
      if (cells.problems() === 0)
        cells.fail('startedAt', 'Started is empty: every call needs its start');
    } else {
      const at = this.moment(startText, 'Started', timeText);
      if (at instanceof Bad) cells.fail('startedAt', at.message);
      else if (at > this.context.now + FUTURE_SLACK_MS) {
        cells.fail(
          'startedAt',
          `Started ${quote(startText)} is in the future; check the time zone the file is read in (${this.context.zone})`,
        );
      } else startedAt = at;
    }

    const endText = cells.text(row, 'endedAt');
    let endedAt: number | null = null;
    if (endText !== null) {
      const at = this.moment(endText, 'Ended', null);
      if (at instanceof Bad) cells.fail('endedAt', at.message);
      else if (startedAt !== null && at < startedAt) {
        cells.fail(
          'endedAt',
          `Ended ${quote(endText)} is before the call started (${quote(startText ?? '')})`,
        );
      } else endedAt = at;
    }
    const duration = cells.read(row, 'duration', (text) => readDuration(text, this.durationUnit));

    const direction = cells.read(row, 'direction', readDirection);
    const numbers = this.numbers(row, direction);
    const repId = this.rep(row);
    const disposition = this.disposition(row);
    const notes = cells.text(row, 'notes');
    const nextStep = cells.text(row, 'nextStep');
    const callId = cells.text(row, 'callId');

    if (cells.problems() > 0 || startedAt === null) return null;
    return {
      line,
      startedAt,
      endedAt: endedAt ?? startedAt + (duration ?? 0),
      direction,
      numbers,
      repId,
      disposition,
      notes,
      nextStep,
      callId,
    };
  }

  private numbers(row: string[], direction: CallDirection | null): CallNumber[] {
    const number = (field: 'phone' | 'fromNumber' | 'toNumber', side: CallNumber['side']) => {
      const text = this.cells.text(row, field);
      const phone = text === null ? null : readPhone(text);
      return phone === null ? null : { phone, key: phoneKey(phone), side };
    };
    const phone = number('phone', 'phone');
    const from = number('fromNumber', 'from');
    const to = number('toNumber', 'to');
    const found = phone
      ? [phone]
      : direction === 'outbound'
        ? [to]
        : direction === 'inbound'
          ? [from]
          : [to, from];
    return found.filter((n): n is CallNumber => n !== null);
  }

  private rep(row: string[]): string | null | undefined {
    if (!this.columns.has('rep')) return undefined;
    const text = this.cells.text(row, 'rep');
    // A call nobody took (a missed call to the main line) belongs to the team, not a person.
    if (text === null) return null;
    const found = this.reps.find(text);
    if (found instanceof Bad) {
      this.cells.fail(
        'rep',
        `${found.message}; choose who they are under Reps, or add them to the team`,
      );
      return null;
    }
    return found;
  }

  private disposition(row: string[]): CallDisposition | null {
    const outcome = this.cells.read(row, 'disposition', readOutcome);
    if (outcome !== null) return outcome;
    let answered: boolean | null;
    if (!this.columns.has('answered')) answered = null;
    else if (this.answeredIsMoment) answered = this.cells.text(row, 'answered') !== null;
    else answered = this.cells.read(row, 'answered', readAnswered);
    return answered === null ? null : answered ? 'connected' : 'no-answer';
  }
}
