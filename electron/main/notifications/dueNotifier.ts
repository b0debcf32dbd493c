/**
 * Announces this person's follow-ups as they come due, from the main process, so that it works
 * with the window closed (macOS keeps the app running without one) and for follow-ups that arrive
 * by sync already due, such as a handover decision. The page shows no notification of its own in
 * the desktop app; a click on one opens its deal, contact or the reminders.
 */
import type { Core } from '../../../src/core';
import type { FollowUp } from '../../../src/shared/contract';
import { announcementKey, dueToAnnounce, nextDueAt, noticesFor, type Notice } from './dueNotices';

/** Timers cannot wait longer than about 24.8 days; look again at least that often. */
const MAX_DELAY = 2 ** 31 - 1;

export interface DueNotifierOptions {
  core: Core;
  show(notice: Notice): void;
  now?: () => number;
}

export function startDueNotifier(options: DueNotifierOptions): {
  ready: Promise<void>;
  dispose(): void;
} {
  const { core, show } = options;
  const now = options.now ?? Date.now;
  const announced = new Set<string>();
  let first = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  let running: Promise<void> | null = null;
  let again = false;

  const check = async () => {
    let list: FollowUp[];
    try {
      list = (await core.call('app.info', {})).currentUser
        ? await core.call('followUps.list', { scope: 'mine', limit: 1_000 })
        : [];
    } catch (error) {
      console.error('could not read the follow-ups to announce:', error);
      return;
    }
    if (disposed) return;
    const at = now();
    const due = dueToAnnounce(list, announced, at);
    for (const followUp of due) announced.add(announcementKey(followUp));
    // What was already due when the app started is in the reminders list, not news.
    if (!first) for (const notice of noticesFor(due)) show(notice);
    first = false;
    clearTimeout(timer);
    const next = nextDueAt(list, at);
    if (next !== null) timer = setTimeout(run, Math.min(MAX_DELAY, Math.max(0, next - now())));
  };

  // One check at a time; a change during a check asks for one more.
  function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = check().finally(() => {
      running = null;
      if (again && !disposed) {
        again = false;
        void run();
      }
    });
    return running;
  }

  const off = core.events.on('data.changed', ({ tables }) => {
    if (tables.includes('follow_ups') || tables.includes('users')) void run();
  });
  return {
    ready: run(),
    dispose() {
      disposed = true;
      off();
      clearTimeout(timer);
    },
  };
}
