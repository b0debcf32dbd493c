import Database from 'better-sqlite3';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/core/store/contentHash';
import { Store } from '../../src/core/store/store';
import { runCockpit } from '../helpers/cli';
import { tempDbPath, tempDir } from '../helpers/tempDir';

const count = (db: string, sql: string) => {
  const handle = new Database(db, { readonly: true });
  const row = handle.prepare(sql).get() as { n: number };
  handle.close();
  return row.n;
};

describe('cockpit sync', () => {
  it('carries a database to another one through a folder, and halts on an emptied folder', async () => {
    const folder = tempDir();
    const first = tempDbPath('first.db');
    const second = tempDbPath('second.db');
    const seeded = await runCockpit(['seed', '--db', first, '--deals', '120', '--seed', '2']);
    expect(seeded.code, seeded.stderr).toBe(0);

    const created = await runCockpit([
      'sync',
      '--db',
      first,
      '--folder',
      folder,
      '--create',
      'Northwind',
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('Sync: idle');
    expect(created.stdout).toContain(`Workspace: Northwind (${folder})`);

    const joined = await runCockpit(['sync', '--db', second, '--folder', folder]);
    expect(joined.code, joined.stderr).toBe(0);
    expect(count(second, 'SELECT count(*) AS n FROM deals')).toBe(120);
    expect(joined.stdout).toMatch(/Device .*: seen .*, 0 ops behind/);

    // A second database may not switch folders behind the app's back.
    const other = await runCockpit(['sync', '--db', second, '--folder', tempDir()]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(`syncs with ${folder}`);

    rmSync(join(folder, 'workspace.json'));
    const halted = await runCockpit(['sync', '--db', second, '--folder', folder]);
    expect(halted.code).toBe(1);
    expect(halted.stdout).toMatch(/Sync: halted — .*workspace\.json/);
  });
});

/** The seq ranges of a device's segments, in order. */
function segments(folder: string, device: string): [number, number][] {
  return readdirSync(join(folder, 'ops', device))
    .filter((name) => /^\d{12}-\d{12}\.seg$/.test(name))
    .sort()
    .map((name) => name.replace('.seg', '').split('-').map(Number) as [number, number]);
}

function storeFacts(path: string) {
  const store = Store.open({ path });
  try {
    return {
      device: store.deviceId,
      lastSeq: store.lastSeq,
      hash: contentHash(store),
      logged: store.db
        .prepare('SELECT count(*) AS n, sum(last_seq - seq + 1) AS ops FROM sync_changes')
        .get() as {
        n: number;
        ops: number;
      },
    };
  } finally {
    store.close();
  }
}

describe('cockpit sync after a crash (SIGKILL at injected points)', () => {
  async function seeded(): Promise<{ folder: string; db: string }> {
    const folder = tempDir();
    const db = tempDbPath('first.db');
    const seed = await runCockpit(['seed', '--db', db, '--deals', '400', '--seed', '4']);
    expect(seed.code, seed.stderr).toBe(0);
    return { folder, db };
  }

  for (const point of ['segment-written', 'segment-renamed'] as const) {
    it(`publishing, killed at ${point}: the next run finishes, no range twice, nothing lost`, async () => {
      const { folder, db } = await seeded();
      const killed = await runCockpit(
        ['sync', '--db', db, '--folder', folder, '--create', 'Team'],
        {
          COCKPIT_FAILPOINT: point,
        },
      );
      expect(killed.signal).toBe('SIGKILL');
      const a = storeFacts(db);
      const before = readdirSync(join(folder, 'ops', a.device));
      if (point === 'segment-written') {
        expect(before.filter((name) => name.endsWith('.part'))).toHaveLength(1);
        expect(before.filter((name) => name.endsWith('.seg'))).toHaveLength(0);
      } else {
        expect(before.filter((name) => name.endsWith('.seg'))).toHaveLength(1);
      }

      const again = await runCockpit(['sync', '--db', db, '--folder', folder]);
      expect(again.code, again.stdout + again.stderr).toBe(0);
      const ranges = segments(folder, a.device);
      ranges.forEach(([from], i) => expect(from).toBe(i === 0 ? 1 : ranges[i - 1]![1] + 1));
      expect(ranges.at(-1)![1]).toBe(a.lastSeq);

      const second = tempDbPath('second.db');
      const joined = await runCockpit(['sync', '--db', second, '--folder', folder]);
      expect(joined.code, joined.stdout + joined.stderr).toBe(0);
      expect(storeFacts(second).hash).toBe(storeFacts(db).hash);
    });
  }

  it('applying, killed in the middle of the transaction: nothing half applied, the rerun completes', async () => {
    const { folder, db } = await seeded();
    const published = await runCockpit([
      'sync',
      '--db',
      db,
      '--folder',
      folder,
      '--create',
      'Team',
    ]);
    expect(published.code, published.stderr).toBe(0);
    const second = tempDbPath('second.db');
    const killed = await runCockpit(['sync', '--db', second, '--folder', folder], {
      COCKPIT_FAILPOINT: 'apply-mid',
    });
    expect(killed.signal).toBe('SIGKILL');
    // The batch being applied rolled back as a whole: no deals, no cursor.
    expect(count(second, 'SELECT count(*) AS n FROM deals')).toBe(0);
    expect(count(second, 'SELECT count(*) AS n FROM sync_peers WHERE applied_seq > 0')).toBe(0);

    const again = await runCockpit(['sync', '--db', second, '--folder', folder]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    const a = storeFacts(db);
    const b = storeFacts(second);
    expect(b.hash).toBe(a.hash);
    // Every entry of A's log is in B's log once (B wrote only its own few rows besides).
    expect(
      count(second, `SELECT count(*) AS n FROM sync_changes WHERE device = '${a.device}'`),
    ).toBe(a.logged.n);
  });
});
