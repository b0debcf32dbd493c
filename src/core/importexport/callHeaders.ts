/**
 * The column names of dialers' call log exports, per field, and which dialer wrote a file.
 *
 * Names come from what each product documents for its call records: Aircall's call object and
 * Call History fields (id, direction, status, missed_call_reason, started_at, answered_at,
 * ended_at, duration, raw_digits, user; "Call ID (internal)", "Call direction - Type",
 * "Answered"), RingCentral's call log (Session Id, Direction, From, To, Date, Time, Action,
 * Action Result, Result Description, Duration, Extension), Dialpad's call records (call_id,
 * date_started, date_rang, date_connected, date_ended, direction, external_number,
 * internal_number, name, email, target_type, categories, talk_duration), and the plain names of
 * JustCall, Twilio, Zoom Phone, Teams, Kixie and Close exports ("Call SID", "Caller", "Callee",
 * "Disposition", "Agent"). Headers arrive normalised: lower case, "_" as a space.
 */
import type { CALL_IMPORT_FIELDS, ImportSource } from '../../shared/contract';

type CallField = (typeof CALL_IMPORT_FIELDS)[number];

/** Best first: when two columns claim one field, the earlier name wins. */
// prettier-ignore
export const CALL_HEADERS: Record<CallField, readonly string[]> = {
  startedAt: ['started at', 'start time', 'date started', 'call start', 'call start time', 'started', 'start', 'start date', 'date/time', 'date / time', 'date time', 'datetime', 'date and time', 'call date', 'time started', 'timestamp', 'date', 'created at', 'created'],
  startTime: ['time', 'time of day', 'start time of day'],
  endedAt: ['ended at', 'end time', 'date ended', 'call end', 'call end time', 'ended', 'end', 'end date', 'time ended', 'hangup time', 'hung up at'],
  duration: ['duration', 'call duration', 'duration (seconds)', 'duration seconds', 'duration (sec)', 'duration (s)', 'duration (hh:mm:ss)', 'duration (in call)', 'duration in call', 'in call duration', 'talk time', 'call length', 'length', 'duration (total)', 'total duration', 'billsec', 'billable seconds', 'seconds', 'duration (minutes)', 'duration (min)', 'minutes'],
  direction: ['direction', 'call direction', 'call direction - type', 'inbound/outbound', 'in/out', 'incoming/outgoing'],
  phone: ['phone', 'phone number', 'external number', 'raw digits', 'customer number', 'contact number', 'contact phone', 'contact phone number', 'lead phone', 'prospect phone', 'client number', 'other party', 'other party number', 'remote number', 'counterparty', 'customer phone', 'number'],
  fromNumber: ['from', 'from number', 'from phone', 'caller', 'caller number', 'caller id', 'calling number', 'ani', 'src', 'source number'],
  toNumber: ['to', 'to number', 'to phone', 'callee', 'called number', 'dialed number', 'dialled number', 'destination', 'destination number', 'dnis', 'dst', 'recipient'],
  rep: ['user email', 'agent email', 'rep email', 'owner email', 'target email', 'user', 'user name', 'agent', 'agent name', 'rep', 'rep name', 'sales rep', 'owner', 'extension', 'extension name', 'employee', 'team member', 'made by', 'handled by', 'answered by', 'assigned to', 'username', 'email', 'target name', 'name'],
  disposition: ['disposition', 'call disposition', 'outcome', 'call outcome', 'result', 'call result', 'action result', 'status', 'call status', 'disposition code', 'categories', 'category', 'call type', 'result description', 'missed call reason', 'unanswered call reason'],
  answered: ['answered', 'was answered', 'is answered', 'answered at', 'date connected', 'connected at', 'connected'],
  notes: ['notes', 'note', 'comments', 'comment', 'call notes', 'description', 'summary', 'memo'],
  nextStep: ['next step', 'next steps', 'next action', 'follow up', 'follow-up'],
  callId: ['call id', 'call id (internal)', 'call id (uuid)', 'call uuid', 'call sid', 'sid', 'session id', 'call log id', 'call record id', 'record id', 'id'],
};

/** Header names only one dialer writes (normalised). */
const SIGNATURES: [Exclude<ImportSource, 'generic' | 'pipedrive' | 'hubspot'>, string[], number][] =
  [
    [
      'aircall',
      [
        'raw digits',
        'missed call reason',
        'unanswered call reason',
        'call direction - type',
        'call id (internal)',
        'call id (uuid)',
        'aircall number',
        'number digits',
        'aircall link',
        'direct link',
      ],
      1,
    ],
    [
      'dialpad',
      [
        'date started',
        'date rang',
        'date connected',
        'date ended',
        'external number',
        'internal number',
        'target type',
        'categories',
        'talk duration',
        'was recorded',
      ],
      2,
    ],
    [
      'ringcentral',
      [
        'action result',
        'result description',
        'session id',
        'forwarded to',
        'from name',
        'to name',
        'action',
        'included',
        'purchased',
      ],
      2,
    ],
  ];

/** Which dialer exported a call log, from its (normalised) header names. */
export function detectCallSource(names: readonly string[]): ImportSource {
  for (const [source, signature, needed] of SIGNATURES) {
    if (names.filter((name) => signature.includes(name)).length >= needed) return source;
  }
  return 'generic';
}

/** Bare numbers in a duration column count minutes when its name says so, else seconds. */
export function durationUnitMs(header: string): number {
  const name = header.toLowerCase();
  if (/\b(ms|millis|milliseconds)\b/.test(name)) return 1;
  if (/\bmin(ute)?s?\b/.test(name)) return 60_000;
  return 1000;
}

/** A column of moments ("answered_at", "date_connected"): a time in it means yes, blank no. */
export const isMomentColumn = (header: string) =>
  /(\bat\b|\bdate\b|\btime\b|_at$)/i.test(header.replace(/_/g, ' '));

/** Times in a file whose start column says UTC ("Date (UTC)", "started_at_utc") are UTC. */
export const saysUtc = (header: string) => /\b(utc|gmt)\b/i.test(header.replace(/_/g, ' '));
