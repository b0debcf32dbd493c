/**
 * Presence: who is online, on a call or idle, from the heartbeats each open app sends. The same
 * numbers on every side: the app beats, the sync carries beats, the dashboard ages them.
 */

/** How often an open app says it is there. */
export const PRESENCE_BEAT_MS = 30_000;
/** A device not heard from for this long (three beats) is offline. */
export const PRESENCE_TTL_MS = 90_000;
/** No keyboard or pointer in the app for this long: idle. */
export const IDLE_AFTER_MS = 5 * 60_000;
/** A call open for longer than this is taken to have been left open, not to be going on. */
export const LONGEST_CALL_MS = 12 * 3_600_000;

export type PresenceState = 'on-call' | 'online' | 'idle' | 'offline';

/** A person's state from the heartbeats of their devices (each timed by when it was heard). */
export function personPresence(
  beats: readonly { state: string; heardAt: number }[],
  now: number,
): { state: PresenceState; lastSeenAt: number | null } {
  let state: PresenceState = 'offline';
  let lastSeenAt: number | null = null;
  const rank: Record<PresenceState, number> = { offline: 0, idle: 1, online: 2, 'on-call': 3 };
  for (const beat of beats) {
    if (beat.heardAt <= 0) continue;
    lastSeenAt = Math.max(lastSeenAt ?? 0, beat.heardAt);
    if (now - beat.heardAt > PRESENCE_TTL_MS) continue;
    const live = (['on-call', 'online', 'idle'] as const).find((s) => s === beat.state) ?? 'online';
    if (rank[live] > rank[state]) state = live;
  }
  return { state, lastSeenAt };
}
