import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startTestPostgres } from '../../../tests/helpers/postgres';
import type { Presence, WireEntry } from '../../shared/serverApi';
import { PostgresStorage } from './postgres';
import { SeqGapError, type Decide, type FactValue, type FactsReader } from './types';

/**
 * The PostgreSQL storage against a real PostgreSQL: a throwaway cluster from the server binaries
 * on this machine, or a database on `COCKPIT_TEST_DATABASE_URL`. CI must prove this path, so
 * there it fails without one; elsewhere it is skipped with a note.
 */

const server = await startTestPostgres();
const NO_POSTGRES =
  'no PostgreSQL to test the PostgreSQL storage against: install the server binaries ' +
  '(Debian: apt-get install postgresql; the tests start their own cluster) or set COCKPIT_TEST_DATABASE_URL to a server whose role may create databases';

afterAll(async () => {
  await server?.stop();
});

if (!server) {
  if (process.env.CI) {
    it('has a PostgreSQL to test against (required in CI)', () => {
      throw new Error(NO_POSTGRES);
    });
  } else {
    console.warn(`postgres.test.ts skipped: ${NO_POSTGRES}`);
    it.skip(`PostgresStorage (${NO_POSTGRES})`, () => {});
  }
}

const DEVICE_A = 'aaaaaaaaaaaaaaaa';
const DEVICE_B = 'bbbbbbbbbbbbbbbb';
const BASE_WALL = 0x019a_0000_0000;

/** A clock timestamp `n` ms after a fixed moment. */
function hlc(n: number, device: string, counter = 0): string {
  return `${(BASE_WALL + n).toString(16).padStart(12, '0')}-${counter.toString(16).padStart(4, '0')}-${device}`;
}

function entry(
  device: string,
  seq: number,
  options: {
    lastSeq?: number;
    at?: number;
    table?: string;
    changes?: WireEntry['changes'];
  } = {},
): WireEntry {
  const changes = options.changes ?? [[`row-${device}-${seq}`, { title: `t${seq}` }]];
  return {
    device,
    seq,
    lastSeq: options.lastSeq ?? seq,
    hlc: hlc(options.at ?? seq, device),
    table: options.table ?? 'deals',
    changes,
    schemaV: 1,
  };
}

/** `count` one-op entries of a device from `from`. */
function run(device: string, from: number, count: number): WireEntry[] {
  return Array.from({ length: count }, (_, k) => entry(device, from + k));
}

const allow: Decide = () => Promise.resolve(null);

function presence(id: string, overrides: Partial<Presence> = {}): Presence {
  return {
    id,
    name: `Laptop ${id.slice(0, 2)}`,
    userName: 'Ada',
    userEmail: 'ada@example.com',
    lastSeen: 1_700_000_000_000,
    publishedSeq: 3,
    applied: { [DEVICE_B]: 7 },
    schemaVersion: 12,
    appVersion: '0.1.0',
    ...overrides,
  };
}

describe.skipIf(!server)('PostgresStorage', () => {
  const open: PostgresStorage[] = [];
  const clients: pg.Client[] = [];
  let databases = 0;

  const made: string[] = [];
  const prefix = `cockpit_t${randomBytes(4).toString('hex')}_`;

  afterEach(async () => {
    await Promise.all(open.splice(0).map((storage) => storage.close()));
    await Promise.all(clients.splice(0).map((client) => client.end()));
    // On a shared server (COCKPIT_TEST_DATABASE_URL) leave nothing behind.
    await asAdmin(async (admin) => {
      for (const name of made.splice(0)) await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    });
  });

  async function asAdmin(work: (admin: pg.Client) => Promise<void>): Promise<void> {
    const admin = new pg.Client({ connectionString: server!.url });
    await admin.connect();
    try {
      await work(admin);
    } finally {
      await admin.end();
    }
  }

  /** A new empty database on the test server, and its URL. */
  async function freshDatabase(): Promise<string> {
    const name = `${prefix}${(databases += 1)}`;
    await asAdmin(async (admin) => {
      await admin.query(`CREATE DATABASE ${name}`);
    });
    made.push(name);
    const url = new URL(server!.url);
    url.pathname = `/${name}`;
    return url.toString();
  }

  async function storageOn(url: string, migrate = true): Promise<PostgresStorage> {
    const storage = new PostgresStorage(url);
    open.push(storage);
    if (migrate) await storage.migrate();
    return storage;
  }

  async function fresh(): Promise<PostgresStorage> {
    return storageOn(await freshDatabase());
  }

  async function sql(url: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  }

  async function pullAll(storage: PostgresStorage, limit = 1000) {
    const all: Awaited<ReturnType<PostgresStorage['pull']>>['entries'] = [];
    let after = 0;
    for (;;) {
      const page = await storage.pull(after, limit);
      all.push(...page.entries);
      if (page.entries.length > 0) after = page.entries[page.entries.length - 1]!.serverSeq;
      if (!page.more) return all;
    }
  }

  /** The stored facts table, as `table/row/column` → value. */
  async function factsTable(
    url: string,
  ): Promise<Record<string, { value: FactValue; hlc: string }>> {
    const client = await sql(url);
    const result = await client.query<{
      tbl: string;
      row_id: string;
      col: string;
      value: FactValue;
      hlc: string;
    }>('SELECT tbl, row_id, col, value, hlc FROM facts');
    return Object.fromEntries(
      result.rows.map((row) => [
        `${row.tbl}/${row.row_id}/${row.col}`,
        { value: row.value, hlc: row.hlc },
      ]),
    );
  }

  describe('migrate', () => {
    it('creates the schema once: again, and from two servers at once, changes nothing', async () => {
      const url = await freshDatabase();
      const a = await storageOn(url, false);
      const b = await storageOn(url, false);
      await Promise.all([a.migrate(), b.migrate()]);
      await a.addUser({ name: 'Ada', email: 'ada@example.com', role: 'admin', tokenHash: 'h1' });
      await a.push('u1', DEVICE_A, run(DEVICE_A, 1, 2), allow);
      await a.migrate();
      await b.migrate();
      expect(await a.listUsers()).toHaveLength(1);
      expect(await a.lastServerSeq()).toBe(2);
      const client = await sql(url);
      const versions = await client.query('SELECT version FROM schema_version');
      expect(versions.rows).toEqual([{ version: 1 }]);
    });

    it('refuses a database written by a newer server', async () => {
      const url = await freshDatabase();
      await storageOn(url);
      const client = await sql(url);
      await client.query('UPDATE schema_version SET version = 99');
      const storage = await storageOn(url, false);
      await expect(storage.migrate()).rejects.toThrow(/newer Lifecycle Cockpit server/);
    });
  });

  describe('users', () => {
    it('adds, finds by token hash, lists and revokes', async () => {
      const storage = await fresh();
      const before = Date.now();
      const ada = await storage.addUser({
        name: 'Ada',
        email: 'Ada@Example.com',
        role: 'manager',
        tokenHash: 'hash-ada',
      });
      expect(ada).toMatchObject({ name: 'Ada', email: 'ada@example.com', role: 'manager' });
      expect(ada.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(ada.createdAt).toBeGreaterThanOrEqual(before);
      expect(ada.revokedAt).toBeNull();
      const bob = await storage.addUser({
        name: 'Bob',
        email: 'bob@example.com',
        role: 'rep',
        tokenHash: 'hash-bob',
      });
      expect(bob.id).not.toBe(ada.id);

      expect(await storage.userByTokenHash('hash-ada')).toEqual(ada);
      expect(await storage.userByTokenHash('nope')).toBeNull();

      expect(await storage.revokeUser('ADA@example.com')).toBe(true);
      expect(await storage.userByTokenHash('hash-ada')).toBeNull();
      expect(await storage.revokeUser('ada@example.com')).toBe(false);
      expect(await storage.revokeUser('nobody@example.com')).toBe(false);
      expect(await storage.userByTokenHash('hash-bob')).toEqual(bob);

      const users = await storage.listUsers();
      expect(users.map((user) => user.email)).toEqual(['ada@example.com', 'bob@example.com']);
      expect(users[0]!.revokedAt).toBeGreaterThanOrEqual(ada.createdAt);
      expect(users[1]!.revokedAt).toBeNull();
    });

    it('finds an active user by the selector its stored token hash starts with', async () => {
      const storage = await fresh();
      const ada = await storage.addUser({
        name: 'Ada',
        email: 'ada@example.com',
        role: 'rep',
        tokenHash: '0123456789abcdef01:aaaa',
      });
      await storage.addUser({
        name: 'Bob',
        email: 'bob@example.com',
        role: 'rep',
        tokenHash: '0123456789abcdef012:bbbb',
      });
      expect(await storage.userByTokenSelector('0123456789abcdef01')).toEqual({
        ...ada,
        tokenHash: '0123456789abcdef01:aaaa',
      });
      expect(await storage.userByTokenSelector('0123456789abcdef0')).toBeNull();
      expect(await storage.userByTokenSelector('0123456789abcdef012')).toMatchObject({
        name: 'Bob',
      });
      expect(await storage.userByTokenSelector('%')).toBeNull();
      await storage.revokeUser('ada@example.com');
      expect(await storage.userByTokenSelector('0123456789abcdef01')).toBeNull();
    });

    it('refuses a second user with the same email, whatever its case', async () => {
      const storage = await fresh();
      await storage.addUser({
        name: 'Ada',
        email: 'ada@example.com',
        role: 'rep',
        tokenHash: 'h1',
      });
      await expect(
        storage.addUser({ name: 'Ada 2', email: 'ADA@example.com', role: 'rep', tokenHash: 'h2' }),
      ).rejects.toThrow('there is already a user with the email ada@example.com');
      expect(await storage.listUsers()).toHaveLength(1);
      expect(await storage.userByTokenHash('h2')).toBeNull();
    });
  });

  describe('push', () => {
    it('stores new entries, and counts a retry as duplicates without adding or checking anything', async () => {
      const storage = await fresh();
      const entries = [entry(DEVICE_A, 1, { lastSeq: 2 }), entry(DEVICE_A, 3)];
      const first = await storage.push('u1', DEVICE_A, entries, allow);
      expect(first).toEqual({
        accepted: 2,
        duplicates: 0,
        refused: [],
        publishedSeq: 3,
        serverSeq: 2,
      });

      let checked = 0;
      const counting: Decide = () => {
        checked += 1;
        return Promise.resolve(null);
      };
      const again = await storage.push('u1', DEVICE_A, entries, counting);
      expect(again).toEqual({
        accepted: 0,
        duplicates: 2,
        refused: [],
        publishedSeq: 3,
        serverSeq: 2,
      });
      expect(checked).toBe(0);

      // A retry that also carries new entries: the old ones are duplicates, the new one is stored.
      const more = await storage.push('u1', DEVICE_A, [...entries, entry(DEVICE_A, 4)], counting);
      expect(more).toMatchObject({ accepted: 1, duplicates: 2, publishedSeq: 4, serverSeq: 3 });
      expect(checked).toBe(1);
      expect((await pullAll(storage)).map((stored) => stored.entry.seq)).toEqual([1, 3, 4]);
    });

    it('is idempotent across two servers on one database', async () => {
      const url = await freshDatabase();
      const a = await storageOn(url);
      const b = await storageOn(url);
      const entries = run(DEVICE_A, 1, 3);
      expect(await a.push('u1', DEVICE_A, entries, allow)).toMatchObject({ accepted: 3 });
      expect(await b.push('u1', DEVICE_A, entries, allow)).toMatchObject({
        accepted: 0,
        duplicates: 3,
        publishedSeq: 3,
      });
      expect(await b.lastServerSeq()).toBe(3);
    });

    it('throws SeqGapError on a gap and stores nothing of the push', async () => {
      const url = await freshDatabase();
      const storage = await storageOn(url);
      await expect(storage.push('u1', DEVICE_A, [entry(DEVICE_A, 2)], allow)).rejects.toThrow(
        SeqGapError,
      );
      await storage.push('u1', DEVICE_A, run(DEVICE_A, 1, 3), allow);

      // After seq 3, seq 5: the device must push 4 next.
      const gap = storage.push('u1', DEVICE_A, [entry(DEVICE_A, 5)], allow);
      await expect(gap).rejects.toThrow(SeqGapError);
      await expect(gap).rejects.toThrow(/must push its seq 4 next/);

      // A gap inside a push: the entries before it are not stored either, nor their facts.
      const owned = entry(DEVICE_A, 4, { changes: [['deal-1', { owner_id: 'u1' }]] });
      await expect(
        storage.push('u1', DEVICE_A, [owned, entry(DEVICE_A, 6)], allow),
      ).rejects.toThrow(SeqGapError);
      expect(await storage.published(DEVICE_A)).toEqual({
        publishedSeq: 3,
        publishedHlc: hlc(3, DEVICE_A),
      });
      expect(await storage.lastServerSeq()).toBe(3);
      expect(await factsTable(url)).toEqual({});

      // An entry reaching past what is stored without starting right after it is a gap too.
      await expect(
        storage.push('u1', DEVICE_A, [entry(DEVICE_A, 3, { lastSeq: 5 })], allow),
      ).rejects.toThrow(SeqGapError);

      // The device goes on where it was.
      expect(await storage.push('u1', DEVICE_A, [owned], allow)).toMatchObject({
        accepted: 1,
        publishedSeq: 4,
        serverSeq: 4,
      });
    });

    it('refuses an entry of another device', async () => {
      const storage = await fresh();
      await expect(storage.push('u1', DEVICE_A, [entry(DEVICE_B, 1)], allow)).rejects.toThrow(
        /of device bbbbbbbbbbbbbbbb, not aaaaaaaaaaaaaaaa/,
      );
      expect(await storage.lastServerSeq()).toBe(0);
    });

    it('stores a refused entry with its reason: pulled without changes, its facts untouched', async () => {
      const url = await freshDatabase();
      const storage = await storageOn(url);
      await storage.push(
        'u1',
        DEVICE_A,
        [entry(DEVICE_A, 1, { changes: [['deal-1', { owner_id: 'u1', title: 'Big' }]] })],
        allow,
      );

      const takeOver = entry(DEVICE_B, 1, {
        lastSeq: 2,
        at: 10,
        changes: [
          ['deal-1', { owner_id: ['u2', hlc(1, DEVICE_A)] }],
          ['deal-2', { owner_id: 'u2' }],
        ],
      });
      const next = entry(DEVICE_B, 3, { at: 11 });
      const outcome = await storage.push('u2', DEVICE_B, [takeOver, next], (candidate) =>
        Promise.resolve(candidate.seq === 1 ? 'not your deal' : null),
      );
      expect(outcome).toEqual({
        accepted: 1,
        duplicates: 0,
        refused: [
          {
            seq: 1,
            lastSeq: 2,
            table: 'deals',
            rowIds: ['deal-1', 'deal-2'],
            reason: 'not your deal',
          },
        ],
        publishedSeq: 3,
        serverSeq: 3,
      });

      const pulled = await pullAll(storage);
      expect(pulled.map(({ serverSeq, entry: e }) => [serverSeq, e.device, e.seq])).toEqual([
        [1, DEVICE_A, 1],
        [2, DEVICE_B, 1],
        [3, DEVICE_B, 3],
      ]);
      // The refused entry keeps its place in the device's seqs, without its changes.
      expect(pulled[1]!.entry).toEqual({ ...takeOver, changes: [] });
      expect(pulled[2]!.entry).toEqual(next);
      expect(await storage.published(DEVICE_B)).toEqual({
        publishedSeq: 3,
        publishedHlc: hlc(11, DEVICE_B),
      });

      expect(await factsTable(url)).toEqual({
        'deals/deal-1/owner_id': { value: 'u1', hlc: hlc(1, DEVICE_A) },
      });
      // Stored with its changes and reason, for whoever looks into it later.
      const client = await sql(url);
      const stored = await client.query(
        'SELECT refused, changes, user_id FROM entries WHERE device = $1 AND seq = 1',
        [DEVICE_B],
      );
      expect(stored.rows[0]).toEqual({
        refused: 'not your deal',
        changes: JSON.stringify(takeOver.changes),
        user_id: 'u2',
      });
    });

    it('keeps the newest clock per fact; decisions see the facts of entries earlier in the same push', async () => {
      const url = await freshDatabase();
      const storage = await storageOn(url);
      const seen: (FactValue | undefined)[][] = [];
      const probe: Decide = async (_entry, facts: FactsReader) => {
        seen.push([
          await facts.get('deals', 'deal-1', 'owner_id'),
          await facts.get('deals', 'deal-1', 'stage_id'),
          await facts.get('deals', 'deal-1', 'title'),
        ]);
        return null;
      };

      await storage.push(
        'u1',
        DEVICE_A,
        [
          entry(DEVICE_A, 1, {
            at: 10,
            changes: [['deal-1', { title: 'Big', owner_id: 'u1', stage_id: 's1' }]],
          }),
          // Newer: wins.
          entry(DEVICE_A, 2, { at: 20, changes: [['deal-1', { owner_id: ['u2', null] }]] }),
          // Older than what the first entry wrote: accepted, but the fact stays.
          entry(DEVICE_A, 3, { at: 5, changes: [['deal-1', { stage_id: 's0' }]] }),
          // Null is a value (no stage), not "unknown".
          entry(DEVICE_A, 4, { at: 30, changes: [['deal-1', { stage_id: null }]] }),
          entry(DEVICE_A, 5, { at: 31 }),
        ],
        probe,
      );
      expect(seen).toEqual([
        [undefined, undefined, undefined],
        ['u1', 's1', undefined],
        ['u2', 's1', undefined],
        ['u2', 's1', undefined],
        ['u2', null, undefined],
      ]);

      // Across pushes and devices: an older clock from another device does not win either.
      seen.length = 0;
      await storage.push(
        'u3',
        DEVICE_B,
        [
          entry(DEVICE_B, 1, { at: 15, changes: [['deal-1', { owner_id: 'u3' }]] }),
          entry(DEVICE_B, 2, { at: 40, changes: [['deal-1', { stage_id: 's9' }]] }),
          entry(DEVICE_B, 3, { at: 41 }),
        ],
        probe,
      );
      expect(seen).toEqual([
        ['u2', null, undefined],
        ['u2', null, undefined],
        ['u2', 's9', undefined],
      ]);
      expect(await factsTable(url)).toEqual({
        'deals/deal-1/owner_id': { value: 'u2', hlc: hlc(20, DEVICE_A) },
        'deals/deal-1/stage_id': { value: 's9', hlc: hlc(40, DEVICE_B) },
      });
    });

    it('keeps fact values as they were (numbers, strings, null) and only the fact columns', async () => {
      const url = await freshDatabase();
      const storage = await storageOn(url);
      await storage.push(
        'u1',
        DEVICE_A,
        [
          entry(DEVICE_A, 1, {
            table: 'calls',
            changes: [
              ['call-1', { rep_id: 'u1', duration_s: 30 }],
              ['call-2', { rep_id: null }],
              ['call-3', { rep_id: 42 }],
            ],
          }),
          entry(DEVICE_A, 2, { table: 'campaigns', changes: [['c-1', { owner_id: 'u1' }]] }),
        ],
        allow,
      );
      expect(await factsTable(url)).toEqual({
        'calls/call-1/rep_id': { value: 'u1', hlc: hlc(1, DEVICE_A) },
        'calls/call-2/rep_id': { value: null, hlc: hlc(1, DEVICE_A) },
        'calls/call-3/rep_id': { value: 42, hlc: hlc(1, DEVICE_A) },
      });
      const seen: (FactValue | undefined)[] = [];
      await storage.push('u1', DEVICE_A, [entry(DEVICE_A, 3)], async (_entry, facts) => {
        seen.push(
          await facts.get('calls', 'call-2', 'rep_id'),
          await facts.get('calls', 'call-3', 'rep_id'),
          await facts.get('calls', 'call-9', 'rep_id'),
        );
        return null;
      });
      expect(seen).toEqual([null, 42, undefined]);
    });

    it('rolls back everything when a check throws, and stays usable', async () => {
      const url = await freshDatabase();
      const storage = await storageOn(url);
      const owned = entry(DEVICE_A, 1, { changes: [['deal-1', { owner_id: 'u1' }]] });
      await expect(
        storage.push('u1', DEVICE_A, [owned, entry(DEVICE_A, 2)], (candidate) =>
          candidate.seq === 2 ? Promise.reject(new Error('checker broke')) : Promise.resolve(null),
        ),
      ).rejects.toThrow('checker broke');
      expect(await storage.lastServerSeq()).toBe(0);
      expect(await factsTable(url)).toEqual({});
      expect(await storage.push('u1', DEVICE_A, [owned], allow)).toMatchObject({ accepted: 1 });
    });

    it('gives changes back exactly as pushed: column order, prior clocks, numbers and nulls', async () => {
      const storage = await fresh();
      const changes: WireEntry['changes'] = [
        ['row-z', { zeta: 1, alpha: 'a', mid: null, value_minor: 12_345_678_901 }],
        ['row-a', { title: ['Renamed "quoted" \\ é 🚀', hlc(3, DEVICE_B)], b: [null, null] }],
      ];
      const pushed = entry(DEVICE_A, 1, { lastSeq: 6, changes });
      await storage.push('u1', DEVICE_A, [pushed], allow);
      const [stored] = await pullAll(storage);
      expect(stored!.entry).toEqual(pushed);
      expect(JSON.stringify(stored!.entry.changes)).toBe(JSON.stringify(changes));
      expect(Object.keys(stored!.entry.changes[0]![1])).toEqual([
        'zeta',
        'alpha',
        'mid',
        'value_minor',
      ]);
    });

    it('tells the published seq and clock of each device', async () => {
      const storage = await fresh();
      expect(await storage.published(DEVICE_A)).toEqual({ publishedSeq: 0, publishedHlc: null });
      expect(await storage.lastServerSeq()).toBe(0);
      await storage.push(
        'u1',
        DEVICE_A,
        [entry(DEVICE_A, 1, { lastSeq: 4, at: 7 }), entry(DEVICE_A, 5, { lastSeq: 9, at: 8 })],
        allow,
      );
      await storage.push('u1', DEVICE_B, run(DEVICE_B, 1, 2), allow);
      expect(await storage.published(DEVICE_A)).toEqual({
        publishedSeq: 9,
        publishedHlc: hlc(8, DEVICE_A),
      });
      expect(await storage.published(DEVICE_B)).toEqual({
        publishedSeq: 2,
        publishedHlc: hlc(2, DEVICE_B),
      });
      expect(await storage.lastServerSeq()).toBe(4);
    });
  });

  describe('pull', () => {
    it('pages through many entries: every one once, in server order', async () => {
      const storage = await fresh();
      const devices = ['0000000000000001', '0000000000000002', '0000000000000003'];
      const pushed: WireEntry[] = [];
      const next = new Map(devices.map((device) => [device, 1]));
      for (let round = 0; round < 40; round += 1) {
        const device = devices[round % devices.length]!;
        const batch = run(device, next.get(device)!, 1 + (round % 4));
        next.set(device, next.get(device)! + batch.length);
        await storage.push('u1', device, batch, allow);
        pushed.push(...batch);
      }
      expect(pushed).toHaveLength(100);

      for (const limit of [1, 7, 50, 99, 100, 101, 1000]) {
        const pages: number[] = [];
        const seen: WireEntry[] = [];
        const seqs: number[] = [];
        let after = 0;
        for (;;) {
          const page = await storage.pull(after, limit);
          expect(page.entries.length).toBeLessThanOrEqual(limit);
          pages.push(page.entries.length);
          for (const stored of page.entries) {
            seen.push(stored.entry);
            seqs.push(stored.serverSeq);
          }
          if (page.entries.length > 0) after = page.entries[page.entries.length - 1]!.serverSeq;
          if (!page.more) break;
          expect(page.entries).toHaveLength(limit);
        }
        expect(seen).toEqual(pushed);
        expect(seqs).toEqual(Array.from({ length: 100 }, (_, k) => k + 1));
        expect(pages.length).toBe(Math.max(1, Math.ceil(100 / limit)));
      }

      expect(await storage.pull(100, 10)).toEqual({ entries: [], more: false });
      const middle = await storage.pull(60, 10);
      expect(middle.entries.map((stored) => stored.serverSeq)).toEqual([
        61, 62, 63, 64, 65, 66, 67, 68, 69, 70,
      ]);
      expect(middle.more).toBe(true);
    });

    it('gives the same pages as JSON text, refused entries without changes', async () => {
      const storage = await fresh();
      await storage.push('u1', DEVICE_A, run(DEVICE_A, 1, 3), (candidate) =>
        Promise.resolve(candidate.seq === 2 ? 'no' : null),
      );
      await storage.push(
        'u2',
        DEVICE_B,
        [entry(DEVICE_B, 1, { lastSeq: 3, changes: [['r', { b: ['x "y"', null], a: 1 }]] })],
        allow,
      );
      for (const [after, limit] of [
        [0, 2],
        [2, 2],
        [0, 10],
        [4, 10],
        [0, 0],
      ] as const) {
        const page = await storage.pull(after, limit);
        const text = await storage.pullJson(after, limit);
        expect(text.json).toBe(JSON.stringify(page.entries));
        expect(text.more).toBe(page.more);
        expect(text.last).toBe(page.entries.at(-1)?.serverSeq ?? null);
      }
    });
  });

  describe('several servers on one database', () => {
    it('concurrent pushes of 20 devices through two servers: nothing lost or doubled, no gaps, a live reader misses nothing', async () => {
      const url = await freshDatabase();
      const servers = [await storageOn(url), await storageOn(url)];
      const devices = Array.from({ length: 20 }, (_, k) => (k + 1).toString(16).padStart(16, '0'));
      const ROUNDS = 12;
      const deals = ['deal-1', 'deal-2', 'deal-3'];
      let clock = 0;
      /** The newest owner written per deal: what the facts must end with. */
      const newestOwner = new Map<string, { value: string; hlc: string }>();

      const totals = { accepted: 0, duplicates: 0 };
      let pushing = true;

      // A reader pulling as it goes, as a device would: a server seq that commits after a
      // higher one was pulled would be lost to it.
      const live: number[] = [];
      const reader = (async () => {
        let after = 0;
        for (;;) {
          const done = !pushing;
          const page = await servers[live.length % 2]!.pull(after, 17);
          for (const stored of page.entries) live.push(stored.serverSeq);
          if (page.entries.length > 0) after = page.entries[page.entries.length - 1]!.serverSeq;
          if (done && !page.more) return;
        }
      })();

      await Promise.all(
        devices.map(async (device, index) => {
          let seq = 1;
          for (let round = 0; round < ROUNDS; round += 1) {
            const size = 1 + ((index + round) % 3);
            const batch: WireEntry[] = [];
            for (let k = 0; k < size; k += 1) {
              clock += 1;
              const deal = deals[(index + round + k) % deals.length]!;
              const owner = `u${index}`;
              const written = entry(device, seq, {
                at: clock,
                changes: [[deal, { owner_id: owner, title: `r${round}` }]],
              });
              const best = newestOwner.get(deal);
              if (!best || best.hlc < written.hlc) {
                newestOwner.set(deal, { value: owner, hlc: written.hlc });
              }
              batch.push(written);
              seq += 1;
            }
            const via = servers[(index + round) % 2]!;
            if (round % 4 === 3) {
              // A retry racing the original through the other server: one stores, one counts.
              const other = servers[(index + round + 1) % 2]!;
              const outcomes = await Promise.all([
                via.push(`u${index}`, device, batch, allow),
                other.push(`u${index}`, device, batch, allow),
              ]);
              const accepted = outcomes.map((outcome) => outcome.accepted).sort();
              expect(accepted).toEqual([0, batch.length]);
              for (const outcome of outcomes) {
                totals.accepted += outcome.accepted;
                totals.duplicates += outcome.duplicates;
                expect(outcome.publishedSeq).toBe(seq - 1);
              }
            } else {
              const outcome = await via.push(`u${index}`, device, batch, allow);
              totals.accepted += outcome.accepted;
              totals.duplicates += outcome.duplicates;
              expect(outcome).toMatchObject({ accepted: batch.length, publishedSeq: seq - 1 });
            }
          }
        }),
      );
      pushing = false;
      await reader;

      const expected = devices.length * ROUNDS * 2; // sizes 1..3, two on average
      expect(totals.accepted).toBe(expected);
      const all = await pullAll(servers[1]!, 64);
      expect(all).toHaveLength(expected);

      // Server order strictly rising, and the live reader saw exactly the same.
      const serverSeqs = all.map((stored) => stored.serverSeq);
      expect(serverSeqs).toEqual([...serverSeqs].sort((a, b) => a - b));
      expect(new Set(serverSeqs).size).toBe(serverSeqs.length);
      expect(live).toEqual(serverSeqs);

      // Every device's seqs come in order, from 1, without a gap or a repeat.
      const nextSeq = new Map<string, number>();
      for (const { entry: stored } of all) {
        expect(stored.seq).toBe(nextSeq.get(stored.device) ?? 1);
        nextSeq.set(stored.device, stored.lastSeq + 1);
      }
      for (const device of devices) {
        expect(await servers[0]!.published(device)).toMatchObject({
          publishedSeq: nextSeq.get(device)! - 1,
        });
      }
      expect(await servers[0]!.lastServerSeq()).toBe(serverSeqs[serverSeqs.length - 1]);

      const facts = await factsTable(url);
      expect(
        Object.fromEntries(deals.map((deal) => [deal, facts[`deals/${deal}/owner_id`]])),
      ).toEqual(Object.fromEntries(newestOwner));
    });

    it('a push waits for the one before it to commit, so server order is commit order', async () => {
      const url = await freshDatabase();
      const [a, b] = [await storageOn(url), await storageOn(url)];
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let checking!: () => void;
      const inCheck = new Promise<void>((resolve) => (checking = resolve));

      const slow = a.push('u1', DEVICE_A, [entry(DEVICE_A, 1)], async () => {
        checking();
        await held;
        return null;
      });
      await inCheck;
      let fastDone = false;
      const fast = b.push('u2', DEVICE_B, [entry(DEVICE_B, 1)], allow).then((outcome) => {
        fastDone = true;
        return outcome;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(fastDone).toBe(false);
      expect(await b.pull(0, 10)).toEqual({ entries: [], more: false });

      release();
      const [first, second] = await Promise.all([slow, fast]);
      expect(first.serverSeq).toBe(1);
      expect(second.serverSeq).toBe(2);
      expect((await pullAll(a)).map((stored) => stored.entry.device)).toEqual([DEVICE_A, DEVICE_B]);
    });

    it('a retry of stored entries does not wait for other pushes', async () => {
      const url = await freshDatabase();
      const [a, b] = [await storageOn(url), await storageOn(url)];
      await b.push('u2', DEVICE_B, [entry(DEVICE_B, 1)], allow);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let checking!: () => void;
      const inCheck = new Promise<void>((resolve) => (checking = resolve));
      const slow = a.push('u1', DEVICE_A, [entry(DEVICE_A, 1)], async () => {
        checking();
        await held;
        return null;
      });
      await inCheck;
      expect(await b.push('u2', DEVICE_B, [entry(DEVICE_B, 1)], allow)).toMatchObject({
        accepted: 0,
        duplicates: 1,
        publishedSeq: 1,
      });
      release();
      await slow;
    });
  });

  describe('presence', () => {
    it('upserts per device and lists every device', async () => {
      const storage = await fresh();
      expect(await storage.presence()).toEqual([]);
      const b = presence(DEVICE_B, { state: 'on-call', onCallSince: 1_700_000_000_500 });
      const a = presence(DEVICE_A, { publishedHlc: null });
      await storage.upsertPresence('u2', b);
      await storage.upsertPresence('u1', a);
      expect(await storage.presence()).toEqual([a, b]);

      const moved = presence(DEVICE_A, {
        name: 'New name',
        lastSeen: 1_700_000_100_000,
        publishedSeq: 9,
        publishedHlc: hlc(9, DEVICE_A),
        applied: { [DEVICE_B]: 12 },
        state: 'idle',
      });
      await storage.upsertPresence('u1', moved);
      expect(await storage.presence()).toEqual([moved, b]);
    });
  });
});
