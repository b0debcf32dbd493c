import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/core';
import { Store } from '../../src/core/store/store';
import type { ChangeEntry } from '../../src/core/sync/types';
import { derivedId } from '../../src/shared/ids';
import type { ServerRole } from '../../src/shared/serverApi';
import { buildServer, type ServerOptions } from '../../src/server/app';
import { PostgresStorage } from '../../src/server/storage/postgres';
import { SqliteStorage } from '../../src/server/storage/sqlite';
import type { ServerStorage } from '../../src/server/storage/types';
import { newToken } from '../../src/server/tokens';
import { startTestPostgres } from '../helpers/postgres';
import { tempDbPath, tempDir } from '../helpers/tempDir';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Answer {
  status: number;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

interface Running {
  url: string;
  storage: ServerStorage;
  /** A user of the team with a role; returns their token. */
  user(name: string, role: ServerRole): Promise<{ token: string; email: string }>;
  call(method: string, path: string, token?: string | null, body?: unknown): Promise<Answer>;
  stop(): Promise<void>;
}

/** Where a server keeps its data: a folder (SQLite) or a database (PostgreSQL). */
interface Backend {
  name: string;
  /** A new, empty place. */
  place(): Promise<string>;
  open(place: string): ServerStorage;
}

let backend: Backend;

async function start(options: Partial<ServerOptions> = {}, place?: string): Promise<Running> {
  const storage = backend.open(place ?? (await backend.place()));
  await storage.migrate();
  const app = await buildServer({ storage, ...options });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  let stopped = false;
  const stop = async () => {
    if (!stopped) await app.close();
    stopped = true;
  };
  cleanups.push(stop);
  return {
    url,
    storage,
    stop,
    async user(name, role) {
      const { token, stored } = newToken();
      const email = `${name.toLowerCase()}@northwind.example`;
      await storage.addUser({ name, email, role, tokenHash: stored });
      return { token, email };
    },
    async call(method, path, token, body) {
      const response = await fetch(`${url}/v1${path}`, {
        method,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body:
          body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      return {
        status: response.status,
        json: (await response.json().catch(() => null)) as unknown,
      };
    },
  };
}

/** A laptop's store, to make real entries. */
function laptop(): Store {
  const store = Store.open({ path: tempDbPath() });
  cleanups.push(() => store.close());
  return store;
}
const entriesOf = (store: Store, after = 0): ChangeEntry[] =>
  store.ownEntriesAfter(after, Number.MAX_SAFE_INTEGER);

/** The whole suite, against one storage backend. */
function suite(): void {
  describe('the sync server: access', () => {
    it('refuses no token, a wrong token and a revoked one, with JSON errors', async () => {
      const server = await start();
      const { token, email } = await server.user('Rita', 'rep');
      expect(await server.call('GET', '/health')).toMatchObject({
        status: 200,
        json: { ok: true },
      });
      const none = await server.call('GET', '/me');
      expect(none.status).toBe(401);
      expect(none.json.error).toMatchObject({ code: 'unauthorized' });
      expect(none.json.error.message).toContain('Bearer');
      expect((await server.call('GET', '/me', `${token.slice(0, -2)}xx`)).status).toBe(401);
      expect(await server.call('GET', '/me', token)).toMatchObject({
        status: 200,
        json: { user: { email, role: 'rep' } },
      });
      expect(await server.storage.revokeUser(email)).toBe(true);
      const revoked = await server.call('GET', '/me', token);
      expect(revoked.status).toBe(401);
      expect(revoked.json.error.message).toMatch(/revoked/);
    });

    it('says what is wrong with malformed JSON, invalid entries, big bodies, too many ops and requests; stores nothing of a refused request', async () => {
      const server = await start({
        maxBodyBytes: 20_000,
        maxOpsPerPush: 30,
        requestsPerMinute: 12,
      });
      const { token } = await server.user('Rita', 'admin');
      const store = laptop();
      for (let i = 0; i < 20; i++)
        store.write((w) => w.insert('accounts', { name: `Account ${i}` }));
      const entries = entriesOf(store);

      const malformed = await server.call('POST', '/ops', token, '{"device": ');
      expect(malformed).toMatchObject({ status: 400, json: { error: { code: 'malformed_json' } } });
      const invalid = await server.call('POST', '/ops', token, {
        device: store.deviceId,
        entries: [{ ...entries[0], seq: 0 }],
      });
      expect(invalid).toMatchObject({ status: 400, json: { error: { code: 'invalid_request' } } });
      expect(invalid.json.error.message).toMatch(/entries\.0\.seq/);
      const big = { device: store.deviceId, entries, padding: 'x'.repeat(30_000) };
      expect(await server.call('POST', '/ops', token, big)).toMatchObject({
        status: 413,
        json: { error: { code: 'body_too_large' } },
      });
      const many = await server.call('POST', '/ops', token, { device: store.deviceId, entries });
      expect(many).toMatchObject({ status: 413, json: { error: { code: 'too_many_ops' } } });
      expect(many.json.error.message).toMatch(/at most 30/);
      // Nothing of those requests was stored.
      expect((await server.call('GET', '/ops?after=0', token)).json.entries).toEqual([]);

      let limited: Answer | undefined;
      for (let i = 0; i < 20 && !limited; i++) {
        const answer = await server.call('GET', '/me', token);
        if (answer.status === 429) limited = answer;
      }
      expect(limited?.json.error).toMatchObject({ code: 'rate_limited' });
      expect(limited?.json.error.message).toMatch(/12 requests a minute/);
    });
  });

  describe('the sync server: ops', () => {
    it('is idempotent on (device, seq): a retry after a lost answer adds nothing; a gap is refused', async () => {
      const server = await start();
      const { token } = await server.user('Ada', 'admin');
      const store = laptop();
      for (let i = 0; i < 5; i++)
        store.write((w) => w.insert('accounts', { name: `Account ${i}` }));
      const entries = entriesOf(store);
      const first = await server.call('POST', '/ops', token, { device: store.deviceId, entries });
      expect(first.json).toMatchObject({ accepted: 5, duplicates: 0, refused: [] });
      const retry = await server.call('POST', '/ops', token, { device: store.deviceId, entries });
      expect(retry.json).toMatchObject({ accepted: 0, duplicates: 5, publishedSeq: store.lastSeq });
      expect((await server.call('GET', '/ops?after=0', token)).json.entries).toHaveLength(5);

      store.write((w) => w.insert('accounts', { name: 'Later' }));
      store.write((w) => w.insert('accounts', { name: 'Even later' }));
      const [, last] = entriesOf(store, entries.at(-1)!.lastSeq);
      const gap = await server.call('POST', '/ops', token, {
        device: store.deviceId,
        entries: [last],
      });
      expect(gap).toMatchObject({ status: 409, json: { error: { code: 'seq_gap' } } });
    });

    it('a device syncs for one person: nobody else may push its next seqs (its own would be dropped)', async () => {
      const server = await start();
      const ada = await server.user('Ada', 'admin');
      const ray = await server.user('Ray', 'admin');
      const store = laptop();
      store.write((w) => w.insert('accounts', { name: 'Ada’s account' }));
      const first = entriesOf(store);
      expect(
        (await server.call('POST', '/ops', ada.token, { device: store.deviceId, entries: first }))
          .json,
      ).toMatchObject({ accepted: 1 });
      store.write((w) => w.insert('accounts', { name: 'Next' }));
      const next = entriesOf(store, first.at(-1)!.lastSeq);
      const hijack = await server.call('POST', '/ops', ray.token, {
        device: store.deviceId,
        entries: next,
      });
      expect(hijack).toMatchObject({ status: 403, json: { error: { code: 'not_your_device' } } });
      // Nothing was stored: Ada's laptop goes on with its own next seq.
      expect(
        (await server.call('POST', '/ops', ada.token, { device: store.deviceId, entries: next }))
          .json,
      ).toMatchObject({ accepted: 1, duplicates: 0 });
    });

    it('pages a long history: every entry once, in order; a restarted server goes on where it was', async () => {
      const place = await backend.place();
      let server = await start({ pageSize: 100 }, place);
      const { token } = await server.user('Ada', 'admin');
      const store = laptop();
      for (let i = 0; i < 600; i++) store.write((w) => w.insert('notes', { body: `note ${i}` }));
      const entries = entriesOf(store);
      const half = Math.floor(entries.length / 2);
      const device = store.deviceId;
      await server.call('POST', '/ops', token, { device, entries: entries.slice(0, half) });
      // The server goes down and comes back on the same data folder.
      await server.stop();
      server = await start({ pageSize: 100 }, place);
      const rest = await server.call('POST', '/ops', token, {
        device,
        entries: entries.slice(0, 500),
      });
      expect(rest.json).toMatchObject({ accepted: 500 - half, duplicates: half });
      await server.call('POST', '/ops', token, { device, entries: entries.slice(500) });

      const seen: number[] = [];
      let after = 0;
      for (let page = 0; page < 100; page++) {
        const { json } = await server.call('GET', `/ops?after=${after}`, token);
        seen.push(...(json.entries as { entry: ChangeEntry }[]).map((e) => e.entry.seq));
        after = json.next as number;
        if (!json.more) break;
      }
      expect(seen).toEqual(entries.map((e) => e.seq));
    });
  });

  describe('the sync server: roles, checked per op', () => {
    async function team() {
      const server = await start();
      const users = {
        rita: await server.user('Rita', 'rep'),
        ray: await server.user('Ray', 'rep'),
        sue: await server.user('Sue', 'success'),
        max: await server.user('Max', 'manager'),
      };
      const admin = await server.user('Ada', 'admin');
      return { server, users, admin };
    }

    /** Rita's deals in an Acquisition stage and in a Retention stage, pushed by the admin. */
    async function seeded(server: Running, adminToken: string) {
      const store = laptop();
      const rita = derivedId('user', 'rita@northwind.example');
      const [demo, onboarding] = [derivedId('stage', 'demo'), derivedId('stage', 'onboarding')];
      store.write((w) => {
        w.insertDefault('stages', { id: demo, name: 'Demo', phase_id: 'acquisition' });
        w.insertDefault('stages', { id: onboarding, name: 'Onboarding', phase_id: 'retention' });
        w.insert('deals', { id: 'deal-acq', title: 'Fleet', owner_id: rita, stage_id: demo });
        w.insert('deals', {
          id: 'deal-ret',
          title: 'Renewal',
          owner_id: rita,
          stage_id: onboarding,
        });
        w.insert('accounts', { id: 'acct-1', name: 'Acme' });
      });
      await server.call('POST', '/ops', adminToken, {
        device: store.deviceId,
        entries: entriesOf(store),
      });
      return { demo };
    }

    /**
     * One person's laptop changes a row: a new row (`insert`), or an edit of a row it has. Only the
     * change is sent, as from a laptop that got the row by sync. Returns the server's answer.
     */
    async function change(
      server: Running,
      token: string,
      table: 'deals' | 'accounts' | 'stages' | 'team' | 'users',
      id: string,
      fields: Record<string, string>,
      insert = false,
    ) {
      const store = laptop();
      const edit = store.write((w) => {
        if (insert) {
          w.insert(table, { id, ...fields });
          return null;
        }
        w.insert(table, { id });
        const before = store.lastSeq;
        w.update(table, id, fields);
        return before;
      });
      const entries = entriesOf(store).filter((e) => edit === null || e.seq > 0);
      const sent = insert ? entries : [renumber(entries.at(-1)!)];
      return (await server.call('POST', '/ops', token, { device: store.deviceId, entries: sent }))
        .json;
    }
    /** An edit entry as the first of its device (seq 1). */
    const renumber = (entry: ChangeEntry): ChangeEntry => ({
      ...entry,
      seq: 1,
      lastSeq: entry.lastSeq - entry.seq + 1,
    });

    it('a rep changes their own deals only; the refusal says why and the change goes nowhere', async () => {
      const { server, users, admin } = await team();
      await seeded(server, admin.token);
      const ray = derivedId('user', 'ray@northwind.example');
      expect(
        (await change(server, users.rita.token, 'deals', 'deal-acq', { next_step: 'Call' }))
          .refused,
      ).toEqual([]);
      const refused = await change(server, users.ray.token, 'deals', 'deal-acq', {
        next_step: 'Mine now',
      });
      expect(refused.refused).toEqual([
        expect.objectContaining({ table: 'deals', rowIds: ['deal-acq'] }),
      ]);
      expect(refused.refused[0].reason).toMatch(/own deals/);
      // Ray may create his own deals and new accounts, but not change an account.
      const own = await change(
        server,
        users.ray.token,
        'deals',
        'deal-ray',
        { title: 'Mine', owner_id: ray },
        true,
      );
      expect(own.refused).toEqual([]);
      const account = await change(
        server,
        users.ray.token,
        'accounts',
        'acct-2',
        { name: 'New' },
        true,
      );
      expect(account.refused).toEqual([]);
      const renamed = await change(server, users.ray.token, 'accounts', 'acct-1', {
        name: 'Renamed',
      });
      expect(renamed.refused[0].reason).toMatch(/accounts/);
      // The refused edit reaches the others as an empty entry: seqs stay whole, the change does not.
      const pulled = (await server.call('GET', '/ops?after=0', admin.token)).json.entries as {
        entry: ChangeEntry;
      }[];
      expect(pulled.some(({ entry }) => JSON.stringify(entry.changes).includes('Mine now'))).toBe(
        false,
      );
    });

    it('customer success: accounts and Retention/Loyalty deals; a manager: all but the pipeline; an admin: all', async () => {
      const { server, users, admin } = await team();
      const { demo } = await seeded(server, admin.token);
      const verdict = async (
        token: string,
        ...args: Parameters<typeof change> extends [Running, string, ...infer R] ? R : never
      ) =>
        ((await change(server, token, ...args)).refused as { reason: string }[])[0]?.reason ?? null;
      expect(
        await verdict(users.sue.token, 'deals', 'deal-ret', { next_step: 'Kickoff' }),
      ).toBeNull();
      expect(await verdict(users.sue.token, 'deals', 'deal-acq', { next_step: 'x' })).toMatch(
        /Retention and Loyalty/,
      );
      expect(await verdict(users.sue.token, 'accounts', 'acct-1', { health: 'good' })).toBeNull();
      expect(await verdict(users.max.token, 'deals', 'deal-acq', { next_step: 'Push' })).toBeNull();
      expect(await verdict(users.max.token, 'stages', demo, { name: 'Product demo' })).toMatch(
        /only admins/,
      );
      expect(
        await verdict(users.rita.token, 'team', derivedId('team', 'team'), { name: 'Mine' }),
      ).toMatch(/only admins/);
      expect(await verdict(admin.token, 'stages', demo, { name: 'Product demo' })).toBeNull();
    });

    it('a teammate’s laptop joining the team writes its person with the role the server gives: accepted; any other role, or anyone else, is refused', async () => {
      const { server, users, admin } = await team();
      const person = (name: string, role: string) => ({
        name,
        email: `${name.toLowerCase()}@northwind.example`,
        role,
      });
      const max = derivedId('user', 'max@northwind.example');
      const verdict = async (token: string, id: string, fields: Record<string, string>) =>
        (
          (await change(server, token, 'users', id, fields, true)).refused as { reason: string }[]
        )[0]?.reason ?? null;
      // Max, a manager, joins: his row reaches the team (the others' laptops learn who he is).
      expect(await verdict(users.max.token, max, person('Max', 'manager'))).toBeNull();
      expect(
        await verdict(
          users.ray.token,
          derivedId('user', 'ray@northwind.example'),
          person('Ray', 'rep'),
        ),
      ).toBeNull();
      // Not as an admin, and not someone else.
      expect(await verdict(users.max.token, max, person('Max', 'admin'))).toMatch(
        /only admins change roles/,
      );
      expect(
        await verdict(
          users.ray.token,
          derivedId('user', 'rita@northwind.example'),
          person('Rita', 'rep'),
        ),
      ).toMatch(/other people/);
      // Once he is known, a rep promoting himself is refused too.
      const ray = derivedId('user', 'ray@northwind.example');
      expect(
        (await change(server, users.ray.token, 'users', ray, { role: 'manager' })).refused[0]
          .reason,
      ).toMatch(/only admins change roles/);
      expect(await verdict(admin.token, max, person('Max', 'admin'))).toBeNull();
    });
  });

  describe('laptops through the server', () => {
    it('carry changes both ways; a refused edit stays on its laptop, is reported there, and blocks nothing', async () => {
      const server = await start();
      const rita = await server.user('Rita', 'rep');
      const ray = await server.user('Ray', 'rep');
      const make = async (name: string, email: string): Promise<Core> => {
        const core = createCore({
          dbPath: tempDbPath(),
          sync: { autoStart: false, debounceMs: 60_000 },
        });
        cleanups.push(async () => {
          await core.sync.close();
          core.close();
        });
        await core.call('team.setup', {
          teamName: 'Northwind',
          userName: name,
          email,
          currency: 'EUR',
        });
        return core;
      };
      const a = await make('Rita', rita.email);
      const b = await make('Ray', ray.email);
      await expect(
        a.call('sync.connectServer', { url: server.url, token: 'ck_nope' }),
      ).rejects.toMatchObject({ field: 'token' });
      expect(
        (await a.call('sync.connectServer', { url: server.url, token: rita.token })).state,
      ).toBe('idle');
      expect(
        (await b.call('sync.connectServer', { url: server.url, token: ray.token })).state,
      ).toBe('idle');

      const ritaId = derivedId('user', rita.email);
      const deal = await a.call('deals.create', { title: 'Fleet rollout', ownerId: ritaId });
      await a.call('sync.now', {});
      await b.call('sync.now', {});
      expect((await b.call('deals.get', { id: deal.id })).title).toBe('Fleet rollout');

      await b.call('deals.update', { id: deal.id, patch: { nextStep: 'Ray was here' } });
      const status = await b.call('sync.now', {});
      // Ray set up a team of his own before connecting: the server kept its settings and his
      // admin role from spreading, and said so. And now his edit of Rita's deal:
      expect(status.refused.map((r) => r.table).sort()).toEqual(['deals', 'team', 'users']);
      const refusal = status.refused.find((r) => r.table === 'deals')!;
      expect(refusal.rowIds).toEqual([deal.id]);
      expect(refusal.reason).toMatch(/own deals/);
      // Kept on B, visible; A never gets it.
      expect((await b.call('deals.get', { id: deal.id })).nextStep).toBe('Ray was here');
      await a.call('sync.now', {});
      expect((await a.call('deals.get', { id: deal.id })).nextStep).toBeNull();
      // Later edits of B still flow: the refused entry did not block B's seqs.
      const own = await b.call('deals.create', {
        title: 'Ray’s own',
        ownerId: derivedId('user', ray.email),
      });
      await b.call('sync.now', {});
      await a.call('sync.now', {});
      expect((await a.call('deals.get', { id: own.id })).title).toBe('Ray’s own');
      const dismissed = await b.call('sync.dismissRefused', { seq: refusal.seq });
      expect(dismissed.refused.map((r) => r.table).sort()).toEqual(['team', 'users']);

      // Presence: Rita's heartbeat reaches Ray's laptop on the live stream, without a sync there.
      const deal2 = await a.call('deals.create', { title: 'Depot', ownerId: ritaId });
      const call = await a.call('calls.start', { dealId: deal2.id });
      await a.call('sync.now', {});
      const { lastSyncAt } = await b.call('sync.now', {});
      const heard = new Promise<number>((resolve) => {
        b.events.on('data.changed', (change) => {
          if (change.origin === 'remote' && change.tables.includes('presence')) resolve(Date.now());
        });
      });
      await a.call('presence.beat', {});
      const sent = Date.now();
      await a.call('sync.now', {});
      expect((await heard) - sent).toBeLessThan(5_000);
      expect((await b.call('sync.status', {})).lastSyncAt).toBe(lastSyncAt);
      const seen = b.store
        .prepare(
          'SELECT user_id, user_name, status, call_id, heard_at FROM presence WHERE device = ?',
        )
        .get(a.store.deviceId);
      expect(seen).toMatchObject({
        user_id: ritaId,
        user_name: 'Rita',
        status: 'on-call',
        call_id: call.id,
      });
    });
  });
}

const postgres = await startTestPostgres();
afterAll(async () => {
  await postgres?.stop();
});

describe('with SQLite (the default)', () => {
  beforeAll(() => {
    backend = {
      name: 'SQLite',
      place: () => Promise.resolve(tempDir()),
      open: (dir) => new SqliteStorage(dir),
    };
  });
  suite();
});

describe.skipIf(!postgres && !process.env.CI)('with PostgreSQL', () => {
  beforeAll(() => {
    if (!postgres)
      throw new Error('CI must test the server on PostgreSQL, and none could be started');
    const admin = postgres.url;
    backend = {
      name: 'PostgreSQL',
      async place() {
        const name = `cockpit_server_${randomBytes(6).toString('hex')}`;
        const client = new pg.Client({ connectionString: admin });
        await client.connect();
        await client.query(`CREATE DATABASE ${name}`);
        await client.end();
        const url = new URL(admin);
        url.pathname = `/${name}`;
        return url.toString();
      },
      open: (url) => new PostgresStorage(url),
    };
  });
  suite();

  it('two servers on one database: a push through one is announced on the other’s live stream', async () => {
    const place = await backend.place();
    const one = await start({}, place);
    const two = await start({}, place);
    const { token } = await one.user('Ada', 'admin');
    const controller = new AbortController();
    cleanups.push(() => controller.abort());
    const response = await fetch(`${two.url}/v1/stream`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    const events = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const nextOps = async (): Promise<number> => {
      let text = '';
      for (;;) {
        const { value } = await events.read();
        text += value ?? '';
        const match = /event: ops\ndata: (\{[^\n]*\})\n\n/.exec(text);
        if (match) return (JSON.parse(match[1]!) as { serverSeq: number }).serverSeq;
      }
    };
    expect(await nextOps()).toBe(0);
    const store = laptop();
    store.write((w) => w.insert('accounts', { name: 'Acme' }));
    await one.call('POST', '/ops', token, { device: store.deviceId, entries: entriesOf(store) });
    expect(await nextOps()).toBeGreaterThan(0);
  });
});
