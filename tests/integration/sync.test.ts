import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
