import { join } from 'node:path';
import { createCore, type Core } from '../../src/core';
import type { ActivityDashboard } from '../../src/shared/contract';
import { derivedId } from '../../src/shared/ids';
import { buildServer } from '../../src/server/app';
import { SqliteStorage } from '../../src/server/storage/sqlite';
import { newToken } from '../../src/server/tokens';
import { median, percentile, print } from './stats';

/** Tables whose changes make the dashboard refetch (the renderer's `SHOWN_IN` → 'dashboard'). */
const DASHBOARD_TABLES = new Set(['calls', 'deals', 'contacts', 'users', 'follow_ups', 'presence']);
const SAMPLES = 60;

/** Today, in this machine's time zone: the dashboard's default range. */
function today(): { from: number; to: number } {
  const start = new Date();
  start.setHours(0, 0, 0, 0);
  const end = new Date(start);
  end.setDate(end.getDate() + 1);
  return { from: start.getTime(), to: end.getTime() };
}

/**
 * Resolves with the time at which B's dashboard, refetched on a remote `data.changed` as the open
 * page does, first satisfies `shows`.
 */
function dashboardShows(
  b: Core,
  shows: (dashboard: ActivityDashboard) => boolean,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => {
      off();
      reject(new Error('B’s dashboard did not change within 10 s'));
    }, 10_000);
    const off = b.events.on('data.changed', ({ origin, tables }) => {
      if (origin !== 'remote' || !tables.some((table) => DASHBOARD_TABLES.has(table))) return;
      void b.call('dashboard.activity', today()).then((dashboard) => {
        if (!shows(dashboard)) return;
        const at = performance.now();
        clearTimeout(timeout);
        off();
        resolve(at);
      }, reject);
    });
  });
}

/**
 * A rep's laptop (A) starts a call; the manager's laptop (B) follows the server's live stream and
 * refetches its dashboard on each change, as the open page does. Measured: from `calls.start` on A
 * to B's dashboard listing the call under "On a call now"; and from `calls.end` on A to B's
 * dashboard counting the connect with nobody on a call.
 */
export async function liveDashboardBench(dir: string): Promise<void> {
  const storage = new SqliteStorage(join(dir, 'server-dashboard'));
  await storage.migrate();
  const app = await buildServer({ storage, requestsPerMinute: 1_000_000 });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const person = async (name: string, role: 'admin' | 'manager' | 'rep') => {
    const email = `${name.toLowerCase()}@bench.example`;
    const { token, stored } = newToken();
    await storage.addUser({ name, email, role, tokenHash: stored });
    return { name, email, token };
  };
  const [ada, ray, mia] = [
    await person('Ada', 'admin'),
    await person('Ray', 'rep'),
    await person('Mia', 'manager'),
  ];
  const cores: Core[] = [];
  /** A laptop on the team: the admin's sets the team up, the others join it. */
  const laptop = async (who: typeof ada, setsUp: boolean) => {
    const core = createCore({ dbPath: join(dir, `dashboard-${who.name}.db`) });
    cores.push(core);
    const setup = { teamName: 'Bench Sales', userName: who.name, email: who.email };
    if (setsUp) await core.call('team.setup', { ...setup, currency: 'EUR' });
    await core.call('sync.connectServer', { url, token: who.token });
    if (!setsUp) await core.call('team.setup', { ...setup, currency: 'EUR' });
    await core.call('sync.now', {});
    return core;
  };
  try {
    await laptop(ada, true);
    const a = await laptop(ray, false);
    const b = await laptop(mia, false);
    const deal = await a.call('deals.create', {
      title: 'Acme — Fleet',
      ownerId: derivedId('user', ray.email),
    });
    await a.call('sync.now', {});
    await b.call('sync.now', {});
    const refused = [
      ...(await a.call('sync.status', {})).refused,
      ...(await b.call('sync.status', {})).refused,
    ];
    if (refused.length > 0) throw new Error(`the server refused ${JSON.stringify(refused)}`);

    const starts: number[] = [];
    const ends: number[] = [];
    let connects = (await b.call('dashboard.activity', today())).team.connects;
    for (let i = 0; i < SAMPLES; i++) {
      let callId: string | null = null;
      const onCall = dashboardShows(
        b,
        (d) => callId !== null && d.onCall.some((call) => call.callId === callId),
      );
      const started = performance.now();
      callId = (await a.call('calls.start', { dealId: deal.id })).id;
      starts.push((await onCall) - started);

      const counted = dashboardShows(
        b,
        (d) => d.team.connects === connects + 1 && !d.onCall.some((call) => call.callId === callId),
      );
      const ended = performance.now();
      await a.call('calls.end', { id: callId, disposition: 'connected' });
      ends.push((await counted) - ended);
      connects += 1;
      // Calls are minutes apart in life; here a short, uneven pause.
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
    }
    print({
      name: 'call start on A to B’s dashboard through the server, “On a call now” (p95)',
      value: percentile(starts, 95),
      unit: 'ms',
      target: 1000,
      runs: starts.length,
      note: `p50 ${Math.round(median(starts))} ms; B refetches dashboard.activity on each remote data.changed, as the open page does`,
    });
    print({
      name: 'call end on A to B’s dashboard counting the connect (p95)',
      value: percentile(ends, 95),
      unit: 'ms',
      target: 1000,
      runs: ends.length,
      note: `p50 ${Math.round(median(ends))} ms`,
    });
  } finally {
    for (const core of cores) {
      await core.sync.close();
      core.close();
    }
    await app.close();
  }
}
