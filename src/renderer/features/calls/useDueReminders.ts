import { useEffect } from 'react';
import { useApiQuery } from '../../api';
import { useToast } from '../../components/Toast';
import { followUpSubject, nextDue } from './callText';

/** Timers cannot wait longer than about 24.8 days; re-check at least that often. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * While the app is open, say so when one of my follow-ups comes due: a timer to the next one,
 * re-armed whenever the list changes (planned, snoozed, done) and after each reminder.
 */
export function useDueReminders(enabled: boolean): void {
  const toast = useToast();
  const list = useApiQuery('followUps.list', { scope: 'mine' }, { enabled });
  const data = list.data;
  useEffect(() => {
    if (!enabled || !data) return;
    let timer: ReturnType<typeof setTimeout>;
    const arm = (after: number) => {
      const next = nextDue(data, after);
      if (!next) return;
      timer = setTimeout(
        () => {
          if (Date.now() >= next.dueAt) {
            const { label } = followUpSubject(next);
            toast.success(`Follow-up due now: ${label}${next.title ? ` — ${next.title}` : ''}`);
            arm(next.dueAt);
          } else arm(after);
        },
        Math.min(MAX_DELAY, next.dueAt - Date.now()),
      );
    };
    arm(Date.now());
    return () => clearTimeout(timer);
  }, [enabled, data, toast]);
}
