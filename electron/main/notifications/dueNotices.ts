/**
 * Which follow-ups to announce, and what the desktop notification says. Pure, so that tests check
 * it without Electron. A follow-up is announced once for each time it comes due: when its time
 * passes while the app runs, or when it arrives already due (a handover decision taken on a
 * colleague's laptop is a follow-up "due now" that reaches this one by sync). What was already
 * due when the app started is in the reminders list, not announced again.
 */
import type { FollowUp } from '../../../src/shared/contract';

/** Beyond this many at once, one notification says how many. */
export const MAX_SEPARATE_NOTICES = 3;

export interface Notice {
  title: string;
  body: string;
  /** The page a click opens. */
  route: string;
}

/** The same follow-up snoozed and due again is a new announcement. */
export const announcementKey = (followUp: Pick<FollowUp, 'id' | 'dueAt'>) =>
  `${followUp.id}@${followUp.dueAt}`;

/** Open follow-ups due by `now` that have not been announced yet, soonest first. */
export function dueToAnnounce(
  followUps: readonly FollowUp[],
  announced: ReadonlySet<string>,
  now: number,
): FollowUp[] {
  return followUps
    .filter((f) => f.status === 'open' && f.dueAt <= now && !announced.has(announcementKey(f)))
    .sort((a, b) => a.dueAt - b.dueAt);
}

/** When the next open follow-up comes due after `now`, if one does. */
export function nextDueAt(followUps: readonly FollowUp[], now: number): number | null {
  let next: number | null = null;
  for (const f of followUps) {
    if (f.status === 'open' && f.dueAt > now && (next === null || f.dueAt < next)) next = f.dueAt;
  }
  return next;
}

const VERBS: Record<string, string> = {
  call: 'Call',
  email: 'Email',
  meeting: 'Meeting with',
  task: 'Follow up on',
};

export function followUpNotice(followUp: FollowUp): Notice {
  const subject = followUp.dealId
    ? { label: followUp.dealTitle ?? 'A deal', route: `/deals/${followUp.dealId}` }
    : followUp.contactId
      ? { label: followUp.contactName ?? 'A contact', route: `/contacts/${followUp.contactId}` }
      : { label: 'Follow-up', route: '/reminders' };
  const what =
    followUp.title ??
    `${VERBS[followUp.kind] ?? 'Follow up on'} ${followUp.contactName ?? subject.label}`;
  return { title: `Follow-up due: ${subject.label}`, body: what, route: subject.route };
}

/** The notifications for what came due: one each, or one that counts them when there are many. */
export function noticesFor(due: readonly FollowUp[]): Notice[] {
  if (due.length <= MAX_SEPARATE_NOTICES) return due.map(followUpNotice);
  const first = followUpNotice(due[0]!);
  return [
    {
      title: `${due.length} follow-ups due`,
      body: `${first.title.replace('Follow-up due: ', '')} and ${due.length - 1} more`,
      route: '/reminders',
    },
  ];
}
