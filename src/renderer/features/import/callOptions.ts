/**
 * What a call log import asks besides the columns: the zone its times are read in, and who the
 * dialer's users are on the team.
 */
import type { ImportRep, ImportRepChoices } from '../../../shared/contract';

export interface CallRunOptions {
  timeZone: string;
  reps: ImportRepChoices;
}

/** The choice of the select for one dialer user: a member's id, no rep, or leave them out. */
export const NO_REP = 'none';
export const LEAVE_OUT = 'skip';

/** What the select shows for a dialer user: the person's choice, else who they were found as. */
export function repChoice(rep: ImportRep, choices: ImportRepChoices): string {
  if (Object.hasOwn(choices, rep.value)) return choices[rep.value] ?? NO_REP;
  return rep.userId ?? LEAVE_OUT;
}

/** The choices after picking `value` for `rep`; "leave out" is the default for an unknown user. */
export function chooseRep(
  choices: ImportRepChoices,
  rep: ImportRep,
  value: string,
): ImportRepChoices {
  const next = { ...choices };
  if (value === LEAVE_OUT || value === rep.userId) delete next[rep.value];
  else next[rep.value] = value === NO_REP ? null : value;
  return next;
}

/** Dialer users whose calls will be reported and left out: unknown, and not matched by hand. */
export function unmatchedReps(reps: readonly ImportRep[], choices: ImportRepChoices): ImportRep[] {
  return reps.filter((rep) => repChoice(rep, choices) === LEAVE_OUT);
}

/** "UTC+01:00" for a zone at a moment; "UTC" for a zone on UTC. */
export function zoneOffset(zone: string, at = Date.now()): string {
  try {
    const name =
      new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
        .formatToParts(at)
        .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
    return /^GMT(?:[+-]00:00)?$/.test(name) ? 'UTC' : name.replace('GMT', 'UTC');
  } catch {
    return '';
  }
}

/**
 * The zones to offer, the likely ones first: the file's suggestion, the team's, this computer's
 * and UTC, then every zone the browser knows.
 */
export function zoneOptions(
  first: readonly (string | null | undefined)[],
  all: readonly string[] = Intl.supportedValuesOf('timeZone'),
): { top: string[]; rest: string[] } {
  const top = [...new Set(first.filter((zone): zone is string => Boolean(zone)))];
  const rest = all.filter((zone) => !top.includes(zone));
  return { top, rest };
}
