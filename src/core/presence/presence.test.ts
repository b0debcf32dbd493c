import { afterEach, describe, expect, it } from 'vitest';
import { tempDbPath } from '../../../tests/helpers/tempDir';
import type { DataChanged } from '../../shared/contract';
import { currentUserId } from '../context';
import { createCore, type Core } from '../createCore';
import { SyncEngine, engineOptions } from '../sync';
import { MemoryHub, MemoryTransport } from '../sync/memoryTransport';

const open: Core[] = [];
afterEach(() => {
  for (const core of open.splice(0)) core.close();
});

const START = Date.UTC(2026, 10, 30, 14);
const DAY = { from: Date.UTC(2026, 10, 30), to: Date.UTC(2026, 11, 1) };

/** Two laptops on one workspace, on one clock the test moves: Ada (a rep) and Max (her manager). */
async function team() {
  const clock = { now: START };
  const hub = new MemoryHub();
  const laptops = [];
  for (const [name, role] of [
    ['Ada', 'rep'],
    ['Max', 'manager'],
  ] as const) {
    const core = createCore({
      dbPath: tempDbPath(),
      now: () => clock.now,
      sync: { autoStart: false, debounceMs: 60_000 },
    });
    open.push(core);
    await core.call('team.setup', {
      teamName: 'Northwind',
      userName: name,
      email: `${name.toLowerCase()}@northwind.example`,
      currency: 'EUR',
    });
    const me = currentUserId(core.context)!;
    core.store.write((w) => w.update('users', me, { role }));
    const engine = new SyncEngine(
      core.store,
      core.events,
      new MemoryTransport(hub),
      { kind: 'folder', path: 'memory', name: 'Northwind' },
      engineOptions(core.context),
    );
    laptops.push({ core, engine, me });
  }
  const [ada, max] = laptops as [(typeof laptops)[0], (typeof laptops)[0]];
  const sync = async () => {
    await ada.engine.syncNow();
    await max.engine.syncNow();
  };
  const adaOnMaxsDashboard = async () => {
    const board = await max.core.call('dashboard.activity', DAY);
    return board.reps.find((rep) => rep.repId === ada.me)!;
  };
  return { clock, hub, ada, max, sync, adaOnMaxsDashboard };
}

describe('presence', () => {
  it('shows a rep online, idle, on a call and offline on another laptop, from her heartbeats', async () => {
    const { clock, ada, max, sync, adaOnMaxsDashboard } = await team();
    const news: DataChanged[] = [];
    max.core.events.on('data.changed', (change) => news.push(change));

    // Never beat: the app was never open on Ada's laptop as far as Max knows.
    await sync();
    expect(await adaOnMaxsDashboard()).toMatchObject({ presence: 'offline', lastSeenAt: null });

    expect(await ada.core.call('presence.beat', {})).toMatchObject({ state: 'online' });
    await sync();
    expect(await adaOnMaxsDashboard()).toMatchObject({ presence: 'online', lastSeenAt: START });
    expect(news).toContainEqual({ tables: ['presence'], origin: 'remote' });

    clock.now += 30_000;
    await ada.core.call('presence.beat', { idle: true });
    await sync();
    expect(await adaOnMaxsDashboard()).toMatchObject({ presence: 'idle' });

    // A call changes her heartbeat at once, while the app beats: no need to wait for the next.
    clock.now += 10_000;
    const deal = await ada.core.call('deals.create', { title: 'Fleet rollout' });
    const call = await ada.core.call('calls.start', { dealId: deal.id });
    expect(ada.core.store.ownPresence()).toMatchObject({
      state: 'on-call',
      callId: call.id,
      onCallSince: clock.now,
    });
    await sync();
    expect(await adaOnMaxsDashboard()).toMatchObject({
      presence: 'on-call',
      onCallSince: clock.now,
    });

    clock.now += 60_000;
    await ada.core.call('calls.end', { id: call.id, disposition: 'connected' });
    expect(ada.core.store.ownPresence()).toMatchObject({ state: 'online', callId: null });
    await sync();
    const lastBeat = clock.now;
    expect(await adaOnMaxsDashboard()).toMatchObject({ presence: 'online', calls: 1 });

    // Her laptop closes: no more beats. Three missed beats later she is offline, last seen then.
    clock.now += 89_000;
    expect(await adaOnMaxsDashboard()).toMatchObject({ presence: 'online' });
    clock.now += 2_000;
    expect(await adaOnMaxsDashboard()).toMatchObject({
      presence: 'offline',
      lastSeenAt: lastBeat,
    });
  });

  it('times beats by the receiving clock: an old beat met for the first time is not online', async () => {
    const { clock, ada, max, adaOnMaxsDashboard } = await team();
    await ada.core.call('presence.beat', {});
    await ada.engine.syncNow();
    // Max's laptop was off for an hour; when it syncs, Ada's last beat is an hour old.
    clock.now += 3_600_000;
    await max.engine.syncNow();
    expect(await adaOnMaxsDashboard()).toMatchObject({ presence: 'offline', lastSeenAt: null });
    // And a beat that is not renewed does not stay new because it is read again.
    await ada.core.call('presence.beat', {});
    await ada.engine.syncNow();
    await max.engine.syncNow();
    expect(await adaOnMaxsDashboard()).toMatchObject({ presence: 'online' });
    clock.now += 100_000;
    await max.engine.syncNow();
    expect(await adaOnMaxsDashboard()).toMatchObject({ presence: 'offline' });
  });

  it('hears a device whose clock runs slow from its second beat on, and ignores an older copy', async () => {
    const { clock, ada, max, adaOnMaxsDashboard } = await team();
    const slow = 10 * 60_000;
    const device = (beatAt: number) => ({
      id: 'a1b2c3d4e5f60718',
      name: 'Ada’s laptop',
      userName: 'Ada',
      userEmail: 'ada@northwind.example',
      lastSeen: beatAt,
      publishedSeq: 0,
      applied: {},
      schemaVersion: 1,
      appVersion: '0.1.0',
      presence: {
        state: 'online' as const,
        userId: ada.me,
        callId: null,
        onCallSince: null,
        beatAt,
      },
    });
    await ada.engine.syncNow();
    await max.engine.syncNow();
    // Met for the first time with a beat "ten minutes old": it may be an old file; not online.
    max.core.store.recordPresence([device(clock.now - slow)], clock.now, 90_000);
    expect(await adaOnMaxsDashboard()).toMatchObject({ presence: 'offline' });
    // Her next beat, 30 s later by her clock: her clock moved on, so she is there.
    clock.now += 30_000;
    max.core.store.recordPresence([device(clock.now - slow)], clock.now, 90_000);
    expect(await adaOnMaxsDashboard()).toMatchObject({ presence: 'online' });
    // Two minutes on, only an older copy of her file turns up: not news; she is offline.
    clock.now += 120_000;
    max.core.store.recordPresence([device(clock.now - slow - 200_000)], clock.now, 90_000);
    expect(await adaOnMaxsDashboard()).toMatchObject({ presence: 'offline' });
  });

  it('announces a device again only when something changed, or a minute later', async () => {
    const { clock, hub, ada } = await team();
    await ada.engine.syncNow();
    const first = hub.devices.get(ada.core.store.deviceId)!.lastSeen;
    clock.now += 20_000;
    await ada.engine.syncNow();
    // Nothing new: the others are not told the same again (they would answer, forever).
    expect(hub.devices.get(ada.core.store.deviceId)!.lastSeen).toBe(first);
    await ada.core.call('presence.beat', {});
    await ada.engine.syncNow();
    expect(hub.devices.get(ada.core.store.deviceId)).toMatchObject({
      lastSeen: clock.now,
      presence: { state: 'online', userId: ada.me, beatAt: clock.now },
    });
    const beat = clock.now;
    clock.now += 61_000;
    await ada.engine.syncNow();
    expect(hub.devices.get(ada.core.store.deviceId)!.lastSeen).toBe(beat + 61_000);
  });

  it('refuses a beat with fields it does not know', async () => {
    const { ada } = await team();
    await expect(ada.core.call('presence.beat', { idle: 'yes' } as never)).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
