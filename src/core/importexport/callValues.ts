/**
 * Reading the cells of a dialer's call log: durations ("95", "01:35", "0:01:35", "1m 35s"),
 * directions, the outcome in each dialer's words ("answered", "Call connected", "left voicemail",
 * "outgoing,missed") and phone numbers reduced to the digits that identify them.
 */
import type { CallDisposition } from '../../shared/domain/followUpRules';
import { Bad, quote } from './values';

const DAY_MS = 86_400_000;

/**
 * A duration in milliseconds: seconds ("95", "95.4"), a clock ("01:35" is minutes and seconds,
 * "0:01:35" hours too) or words ("1h 2m 3s", "2 min", "45 sec"). `unitMs` is what a bare number
 * counts: seconds unless the column says minutes.
 */
export function readDuration(text: string, unitMs = 1000, label = 'Duration'): number | Bad {
  const value = text.trim().toLowerCase();
  let ms: number | null = null;
  if (/^\d+(?:[.,]\d+)?$/.test(value)) {
    ms = Number(value.replace(',', '.')) * unitMs;
  } else {
    const clock = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,](\d+))?$/.exec(value);
    if (clock) {
      const [, hours, minutes, seconds, fraction] = clock;
      if (Number(seconds) < 60 && (hours === undefined || Number(minutes) < 60)) {
        ms =
          ((Number(hours ?? 0) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 +
          (fraction ? Number(`0.${fraction}`) * 1000 : 0);
      }
    } else {
      const words =
        /^(?:(\d+)\s*h(?:(?:ou)?rs?)?)?\s*(?:(\d+)\s*m(?:in(?:ute)?s?)?)?\s*(?:(\d+)\s*s(?:ec(?:ond)?s?)?)?$/.exec(
          value,
        );
      if (words && value !== '' && (words[1] ?? words[2] ?? words[3]) !== undefined) {
        ms =
          ((Number(words[1] ?? 0) * 60 + Number(words[2] ?? 0)) * 60 + Number(words[3] ?? 0)) *
          1000;
      }
    }
  }
  if (ms === null || !Number.isFinite(ms)) {
    return new Bad(
      `${label} ${quote(text.trim())} is not a duration; write seconds (95), minutes and seconds (01:35) or hours too (0:01:35)`,
    );
  }
  if (ms > DAY_MS) return new Bad(`${label} ${quote(text.trim())} is longer than a day`);
  return Math.round(ms);
}

export type CallDirection = 'outbound' | 'inbound';

/** "Outbound", "outgoing", "Inbound - Answered", "Incoming call", "in", "out". */
export function readDirection(text: string): CallDirection | Bad {
  const value = text.trim().toLowerCase();
  if (/^(out|o|outbound|outgoing|dial(l)?ed|made|placed)\b/.test(value)) return 'outbound';
  if (/^(in|i|inbound|incoming|received)\b/.test(value)) return 'inbound';
  return new Bad(`Direction ${quote(text.trim())} is neither inbound nor outbound`);
}

/** Yes/no columns: Aircall's "Answered", "true"/"false", "1"/"0". */
export function readAnswered(text: string): boolean | Bad {
  const value = text.trim().toLowerCase();
  if (/^(yes|y|true|1|answered|connected)$/.test(value)) return true;
  if (/^(no|n|false|0|unanswered|not answered|missed)$/.test(value)) return false;
  return new Bad(`Answered ${quote(text.trim())} is neither yes nor no`);
}

/**
 * The words of each dialer, as keys of our outcomes. "completed" (Twilio) and "accepted"
 * (RingCentral) mean someone picked up; "done", "ended" or "finished" only say that the call is
 * over, so they decide nothing on their own (an Answered column or nothing decides then).
 */
const OUTCOME_WORDS: Record<string, CallDisposition | 'over'> = {
  connected: 'connected',
  'call connected': 'connected',
  answered: 'connected',
  'answered call': 'connected',
  accepted: 'connected',
  completed: 'connected',
  complete: 'connected',
  reached: 'connected',
  talked: 'connected',
  spoke: 'connected',
  spoken: 'connected',
  conversation: 'connected',
  contacted: 'connected',
  success: 'connected',
  successful: 'connected',
  'in progress': 'connected',
  'call back later': 'connected',
  callback: 'connected',
  missed: 'no-answer',
  'missed call': 'no-answer',
  'no answer': 'no-answer',
  noanswer: 'no-answer',
  'not answered': 'no-answer',
  unanswered: 'no-answer',
  'ring no answer': 'no-answer',
  'no response': 'no-answer',
  abandoned: 'no-answer',
  'short abandoned': 'no-answer',
  'abandoned in ivr': 'no-answer',
  'abandoned in classic': 'no-answer',
  'agents did not answer': 'no-answer',
  'no available agent': 'no-answer',
  'out of opening hours': 'no-answer',
  'out of business hours': 'no-answer',
  'hang up': 'no-answer',
  'hung up': 'no-answer',
  rejected: 'no-answer',
  refused: 'no-answer',
  declined: 'no-answer',
  canceled: 'no-answer',
  cancelled: 'no-answer',
  failed: 'no-answer',
  'call failed': 'no-answer',
  'not connected': 'no-answer',
  'no connection': 'no-answer',
  busy: 'busy',
  'line busy': 'busy',
  'user busy': 'busy',
  engaged: 'busy',
  voicemail: 'voicemail',
  'voice mail': 'voicemail',
  'left voicemail': 'voicemail',
  'voicemail left': 'voicemail',
  'left vm': 'voicemail',
  'vm left': 'voicemail',
  vm: 'voicemail',
  'left message': 'voicemail',
  'left a message': 'voicemail',
  'message left': 'voicemail',
  'answering machine': 'voicemail',
  machine: 'voicemail',
  'voicemail detected': 'voicemail',
  'wrong number': 'wrong-number',
  'bad number': 'wrong-number',
  'invalid number': 'wrong-number',
  'number not in service': 'wrong-number',
  'not in service': 'wrong-number',
  'disconnected number': 'wrong-number',
  'not interested': 'not-interested',
  'no interest': 'not-interested',
  'do not call': 'not-interested',
  dnc: 'not-interested',
  'meeting booked': 'meeting-booked',
  'meeting scheduled': 'meeting-booked',
  'meeting set': 'meeting-booked',
  'appointment set': 'meeting-booked',
  'appointment booked': 'meeting-booked',
  'appointment scheduled': 'meeting-booked',
  'demo booked': 'meeting-booked',
  'demo scheduled': 'meeting-booked',
  booked: 'meeting-booked',
  done: 'over',
  ended: 'over',
  finished: 'over',
  hangup: 'over',
  initial: 'over',
  // Words that say which way the call went, in cells that also hold the outcome ("outgoing, answered").
  inbound: 'over',
  outbound: 'over',
  incoming: 'over',
  outgoing: 'over',
  'outgoing call': 'over',
  'incoming call': 'over',
  'inbound call': 'over',
  'outbound call': 'over',
  voice: 'over',
  'phone call': 'over',
};

/** When a cell holds several words ("incoming, missed, voicemail"), the most telling one wins. */
const WEIGHT: Record<CallDisposition | 'over', number> = {
  'meeting-booked': 7,
  'not-interested': 6,
  'wrong-number': 5,
  voicemail: 4,
  busy: 3,
  'no-answer': 2,
  connected: 1,
  over: 0,
};

const outcomeKey = (text: string) =>
  text
    .toLowerCase()
    .replace(/[_\-–]+/g, ' ')
    .replace(/[^\p{L}\p{N} ]+/gu, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The outcome of a call in our words; null when the cell only says the call is over (the Answered
 * column or nothing decides then).
 */
export function readOutcome(text: string): CallDisposition | null | Bad {
  const whole = OUTCOME_WORDS[outcomeKey(text)];
  if (whole !== undefined) return whole === 'over' ? null : whole;
  let best: CallDisposition | 'over' | undefined;
  for (const part of text.split(/[,;|/]|\s+-\s+/)) {
    const found = OUTCOME_WORDS[outcomeKey(part)];
    if (found !== undefined && (best === undefined || WEIGHT[found] > WEIGHT[best])) best = found;
  }
  if (best !== undefined) return best === 'over' ? null : best;
  return new Bad(
    `Outcome ${quote(text.trim())} is not one we know; use connected, no answer, busy, voicemail, wrong number, not interested or meeting booked`,
  );
}

/** Cells that stand for a hidden number: the call is imported without one. */
const NO_NUMBER = /^(anonymous|unknown|private|restricted|withheld|blocked|unavailable|n\/?a|-+)$/i;

/** Digits that identify a number: the last 9, which survive +49 / 0049 / 0 prefixes alike. */
const KEY_DIGITS = 9;
/** Shorter numbers are extensions or short codes; they match nothing. */
const MIN_DIGITS = 6;

/** A number as written, or null for an empty or hidden one. */
export function readPhone(text: string): string | null {
  const value = text.trim().replace(/^tel:/i, '');
  return value === '' || NO_NUMBER.test(value) ? null : value;
}

/**
 * The key two ways of writing one number share: its digits without an extension, the last nine
 * of them. "+49 30 1234567", "0049 (30) 123-4567" and "030 1234567" all give "301234567".
 * Null when too few digits are left to tell numbers apart.
 */
export function phoneKey(text: string | null): string | null {
  if (!text) return null;
  const withoutExtension = text.replace(/\s*(?:x|ext\.?|extension|#|;ext=).*$/i, '');
  const digits = withoutExtension.replace(/\D+/g, '');
  if (digits.length < MIN_DIGITS) return null;
  return digits.slice(-KEY_DIGITS);
}
