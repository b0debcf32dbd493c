/**
 * Presence: the app beats while it is open (`presence.beat`, every 30 s and when its person goes
 * idle or comes back); the beat is this device's row in `presence`, which the sync engine
 * publishes with the device's announcement and notes for other devices as they arrive (see
 * `sync/engine.ts`). A call started or ended here changes the beat at once.
 *
 * Methods: presence.beat
 * Tables:  presence (local); reads calls, users
 */
import type { MethodOutput, ParsedInput } from '../../shared/contract';
import { LONGEST_CALL_MS, PRESENCE_TTL_MS } from '../../shared/domain/presence';
import { currentUserId, type CoreContext } from '../context';
import type { Handlers } from '../handlers';

type Beat = MethodOutput<'presence.beat'>;

function beat(ctx: CoreContext, idle: boolean): Beat {
  const now = ctx.now();
  const me = currentUserId(ctx);
  const call = me
    ? (ctx.store
        .prepare(
          `SELECT id, started_at AS startedAt FROM calls
            WHERE rep_id = ? AND ended_at IS NULL AND deleted_at IS NULL AND started_at > ?
            ORDER BY started_at DESC LIMIT 1`,
        )
        .get(me, now - LONGEST_CALL_MS) as { id: string; startedAt: number } | undefined)
    : undefined;
  const user = me
    ? (ctx.store.prepare('SELECT name FROM users WHERE id = ?').get(me) as
        { name: string } | undefined)
    : undefined;
  const presence = {
    state: call ? ('on-call' as const) : idle ? ('idle' as const) : ('online' as const),
    userId: me,
    callId: call?.id ?? null,
    onCallSince: call?.startedAt ?? null,
    beatAt: now,
  };
  ctx.store.setOwnPresence(presence, user?.name ?? null, now);
  return {
    state: presence.state,
    callId: presence.callId,
    onCallSince: presence.onCallSince,
    beatAt: now,
  };
}

export function presenceBeat(ctx: CoreContext, input: ParsedInput<'presence.beat'>): Beat {
  const result = beat(ctx, input.idle);
  // Local news: open dashboards refresh, and the sync engine publishes the beat.
  ctx.events.emit('data.changed', { tables: ['presence'], origin: 'local' });
  return result;
}

export const presenceMethods = (ctx: CoreContext) => {
  // A call started or ended here changes the heartbeat at once, while the app is beating (the
  // call's own change makes the sync publish it).
  ctx.events.on('data.changed', ({ tables, origin }) => {
    if (origin !== 'local' || !tables.includes('calls') || !ctx.store.db.open) return;
    const own = ctx.store.ownPresence();
    if (own && ctx.now() - own.heardAt <= PRESENCE_TTL_MS) beat(ctx, own.state === 'idle');
  });
  return {
    'presence.beat': (input) => presenceBeat(ctx, input),
  } satisfies Partial<Handlers>;
};
