import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import type { FollowUp } from '../../../shared/contract';
import { bridge, useApiQuery } from '../../api';
import { useToast } from '../../components/Toast';
import { arrivedDue, dueBetween, followUpSubject, nextDue, theirTime } from './callText';

/** Timers cannot wait longer than about 24.8 days; re-check at least that often. */
const MAX_DELAY = 2 ** 31 - 1;
/** A follow-up that arrives (by sync, from a colleague) already due this recently is announced. */
const ARRIVED_DUE_WITHIN_MS = 60 * 60_000;

const KIND_VERBS: Record<string, string> = {
  call: 'Call',
  email: 'Email',
  meeting: 'Meeting with',
  task: 'Follow up on',
};

/** What a due follow-up says: who, what, and the customer's clock when it differs from mine. */
export function reminderText(followUp: FollowUp): { title: string; body: string; line: string } {
  const { label } = followUpSubject(followUp);
  const their = theirTime(followUp.dueAt, followUp.contactTimeZone);
  const what =
    followUp.title ??
    `${KIND_VERBS[followUp.kind] ?? 'Follow up on'} ${followUp.contactName ?? label}`;
  return {
    title: `Follow-up due: ${label}`,
    body: [what, their].filter(Boolean).join(' · '),
    line: [`Follow-up due now: ${label}`, followUp.title, their].filter(Boolean).join(' · '),
  };
}

/**
 * While the app is open, say so when one of my follow-ups comes due: a timer to the next one,
 * re-armed whenever the list changes (planned, snoozed, done) and after each reminder: a toast with
 * an Open button. The desktop app's main process announces them instead, with desktop
 * notifications that work with the window closed too (electron/main/notifications).
 *
 * Due times were put into the customer's working hours when the follow-up was proposed; one a rep
 * planned outside them is still announced when the rep asked, since it is the rep's own reminder.
 */
export function useDueReminders(): void {
  const toast = useToast();
  const navigate = useNavigate();
  const list = useApiQuery('followUps.list', { scope: 'mine' });
  const data = list.data;
  // Announced up to here: a refetch (a snooze, a sync) does not announce the same ones again.
  const seenUntil = useRef<number | null>(null);
  // The follow-ups of the list last seen (null before the first): one that arrives already due —
  // a handover decision made on a colleague's laptop, synced a minute later — is new news.
  const known = useRef<Set<string> | null>(null);

  useEffect(() => {
    if (!data || bridge.kind === 'electron') return;
    let timer: ReturnType<typeof setTimeout>;
    const announce = (followUp: FollowUp) => {
      const { to } = followUpSubject(followUp);
      const open = () => {
        if (to) void navigate(to);
      };
      const { line } = reminderText(followUp);
      toast.reminder(line, to ? { label: 'Open', onClick: open } : undefined);
    };
    const arrived =
      known.current && seenUntil.current !== null
        ? arrivedDue(data, known.current, seenUntil.current, Date.now(), ARRIVED_DUE_WITHIN_MS)
        : [];
    known.current = new Set(data.map((f) => f.id));
    for (const followUp of arrived) announce(followUp);
    const arm = () => {
      const now = Date.now();
      const since = seenUntil.current ?? now;
      for (const followUp of dueBetween(data, since, now)) announce(followUp);
      seenUntil.current = Math.max(since, now);
      const next = nextDue(data, now);
      if (!next) return;
      timer = setTimeout(arm, Math.min(MAX_DELAY, Math.max(0, next.dueAt - Date.now())));
    };
    arm();
    return () => clearTimeout(timer);
  }, [data, toast, navigate]);
}
