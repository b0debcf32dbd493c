import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { userIdForEmail } from '../../src/core/team/team';
import { runCockpit } from '../helpers/cli';
import { tempDir } from '../helpers/tempDir';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');

/** A workspace with a team of two, as the app leaves it after the first run. */
async function workspace(dir: string, name = 'cockpit.db'): Promise<string> {
  const dbPath = join(dir, name);
  const core = createCore({ dbPath });
  await core.call('team.setup', {
    teamName: 'Northwind',
    userName: 'Rita Rep',
    email: 'rita@northwind.example',
    currency: 'EUR',
  });
  core.store.write((w) =>
    w.insert('users', {
      id: userIdForEmail('sam@northwind.example'),
      name: 'Sam Seller',
      email: 'sam@northwind.example',
      role: 'rep',
    }),
  );
  core.close();
  return dbPath;
}

function inspect(dbPath: string) {
  const core = createCore({ dbPath });
  const count = (sql: string) => (core.store.db.prepare(sql).get() as { n: number }).n;
  const result = {
    deals: count('SELECT count(*) AS n FROM deals'),
    ops: count('SELECT count(*) AS n FROM sync_ops'),
    titles: (
      core.store.db.prepare('SELECT title FROM deals ORDER BY title').all() as { title: string }[]
    ).map((row) => row.title),
  };
  core.close();
  return result;
}

describe('cockpit import and export', () => {
  it('imports the good rows, prints each bad line, and exits non-zero', async () => {
    const db = await workspace(tempDir());
    const run = await runCockpit([
      'import',
      join(FIXTURES, 'deals-with-errors.csv'),
      '--db',
      db,
      '--kind',
      'deals',
    ]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toContain('Read deals-with-errors.csv: 10 rows, a CSV file.');
    expect(run.stdout).toMatch(
      /^Imported: created 4 deals, 4 accounts and 4 contacts in \d+\.\d s\.$/m,
    );
    expect(run.stdout).toContain('6 rows of 10 could not be imported:');
    expect(run.stdout).toContain('  line 5, Value: Value “12,5x” is not an amount');
    expect(run.stdout).toContain('  line 9, Email: Contact email “bob@” is not an email address');
    expect(run.stdout).toContain(
      '  line 10, Owner: Owner “Zed Nobody” is not a team member (Rita Rep, Sam Seller)',
    );
    expect(inspect(db).titles).toEqual([
      'Acme — Pilot',
      'Globex — Licence',
      'Umbrella — Add-on',
      'Wayne — Pilot',
    ]);
  });

  it('writes nothing on a dry run, or with all-or-nothing when a row fails', async () => {
    const db = await workspace(tempDir());
    const before = inspect(db);
    const dry = await runCockpit([
      'import',
      join(FIXTURES, 'hubspot-deals.csv'),
      '--db',
      db,
      '--kind',
      'deals',
      '--dry-run',
    ]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('a HubSpot export');
    expect(dry.stdout).toContain(
      'Dry run, nothing was written. The import would have created 7 deals and 7 accounts.',
    );
    const strict = await runCockpit([
      'import',
      join(FIXTURES, 'deals-with-errors.csv'),
      '--db',
      db,
      '--kind',
      'deals',
      '--all-or-nothing',
    ]);
    expect(strict.code).toBe(2);
    expect(strict.stdout).toContain(
      'Nothing was imported: 6 rows have problems, and --all-or-nothing was given.',
    );
    expect(inspect(db)).toEqual(before);
  });

  it('exports to a file and to standard output; the export imports into another workspace', async () => {
    const dir = tempDir();
    const db = await workspace(dir);
    const imported = await runCockpit([
      'import',
      join(FIXTURES, 'pipedrive-deals.csv'),
      '--db',
      db,
      '--kind',
      'deals',
    ]);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);

    const out = join(dir, 'deals.csv');
    const toFile = await runCockpit(['export', '--db', db, '--kind', 'deals', '--out', out]);
    expect(toFile.code, toFile.stderr).toBe(0);
    expect(toFile.stderr).toContain(`Exported 6 deals → ${out}`);
    const file = readFileSync(out, 'utf8');
    expect(file.startsWith('\ufeffTitle,Value,Currency,Stage,Status,Owner,Owner email,')).toBe(
      true,
    );

    const toStdout = await runCockpit(['export', '--db', db, '--kind', 'deals']);
    expect(toStdout.stdout).toBe(file.slice(1));

    const other = await workspace(dir, 'other.db');
    const again = await runCockpit(['import', out, '--db', other, '--kind', 'deals']);
    expect(again.code, again.stdout).toBe(0);
    expect(inspect(other).titles).toEqual(inspect(db).titles);

    const contacts = await runCockpit(['export', '--db', db, '--kind', 'contacts']);
    expect(contacts.stdout.split('\r\n')[0]).toBe(
      'First name,Last name,Email,Phone,Job title,Account,Account domain,City,Country,Time zone,Preferred channel,Consent,Owner,Owner email,Created',
    );
    expect(contacts.stdout).toContain('Anna,Schmidt,anna.schmidt@acme.example');
  });

  it('imports a dialer’s call log with --kind calls; dialer users are matched with --rep; a second run adds nothing', async () => {
    const db = await workspace(tempDir());
    const file = join(FIXTURES, 'ringcentral-calls.csv');
    const args = ['import', file, '--db', db, '--kind', 'calls'];
    const callCount = () => {
      const core = createCore({ dbPath: db });
      const { n } = core.store.db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number };
      core.close();
      return n;
    };

    const unmatched = await runCockpit([
      ...args,
      '--time-zone',
      'America/Los_Angeles',
      '--dry-run',
    ]);
    expect(unmatched.code, unmatched.stderr).toBe(2);
    expect(unmatched.stdout).toContain(
      'Read ringcentral-calls.csv: 5 rows, a RingCentral call log.',
    );
    expect(unmatched.stdout).toContain('Times without a zone are read in America/Los_Angeles.');
    expect(unmatched.stdout).toContain('The import would have created 3 calls.');
    expect(unmatched.stdout).toContain(
      '  line 3, Extension: Rep “102” is not a team member (Rita Rep, Sam Seller); choose who they are under Reps, or add them to the team',
    );
    expect(callCount()).toBe(0);

    const run = await runCockpit([
      ...args,
      '--time-zone',
      'America/Los_Angeles',
      '--rep',
      '102=sam@northwind.example',
    ]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Imported: created 5 calls in \d+\.\d s\.$/m);
    // The workspace has no contacts yet: nothing to match the numbers to.
    expect(run.stdout).toContain(
      'Matched by phone number: 0 of 5 calls to a contact, 0 to an open deal.',
    );
    expect(callCount()).toBe(5);

    const again = await runCockpit([
      ...args,
      '--time-zone',
      'America/Los_Angeles',
      '--rep',
      '102=sam@northwind.example',
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      'Skipped 5 calls already in the workspace (same dialer call id, or same rep, number and start).',
    );
    expect(callCount()).toBe(5);

    const wrong = await runCockpit([...args, '--rep', '102=nobody@northwind.example']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(
      'cockpit: --rep 102=nobody@northwind.example: nobody@northwind.example is not a team member’s email',
    );
  });

  it('reads Windows-1252 and UTF-16 files, and says when a file is not CSV', async () => {
    const dir = tempDir();
    const db = await workspace(dir);
    const latin1 = join(dir, 'latin1.csv');
    writeFileSync(latin1, Buffer.from('Name,Company\nJürgen Müller,Bäckerei Groß\n', 'latin1'));
    const utf16 = join(dir, 'utf16.csv');
    writeFileSync(
      utf16,
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from('Name\tEmail\nZoë Ødegård\tzoe@x.example\n', 'utf16le'),
      ]),
    );
    for (const file of [latin1, utf16]) {
      const run = await runCockpit(['import', file, '--db', db, '--kind', 'contacts']);
      expect(run.code, run.stdout + run.stderr).toBe(0);
    }
    const core = createCore({ dbPath: db });
    const names = (await core.call('contacts.list', {})).items.map((c) => [c.name, c.accountName]);
    core.close();
    expect(names).toEqual([
      ['Jürgen Müller', 'Bäckerei Groß'],
      ['Zoë Ødegård', null],
    ]);

    const json = join(dir, 'deals.json');
    writeFileSync(json, '[{"title": "Acme"}]');
    const refused = await runCockpit(['import', json, '--db', db, '--kind', 'deals']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('cockpit: This is not a CSV file: it looks like JSON.');
  });
});
