import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../src/core';
import { TEAM_ID } from '../../src/core/team/team';
import { MAX_IMPORT_CHUNK_CHARS } from '../../src/shared/contract';
import { median, print } from './stats';

const ROWS = 50_000;
const ORGANIZATIONS = 8_000;
const PEOPLE = 25_000;

const REPS = [
  'Rita Rep',
  'Sam Seller',
  'Olivia Closer',
  'Noah Hunter',
  'Emma Pipeline',
  'Liam Quota',
  'Mia Outbound',
  'Lucas Demo',
];
const STAGES = [
  'Lead In',
  'Contact Made',
  'Qualified',
  'Demo Scheduled',
  'Proposal Made',
  'Negotiations Started',
];
const PRODUCTS = ['Platform licence', 'Pro plan', 'Pilot', 'Seat upgrade', 'Annual renewal'];
const SOURCES = ['Website', 'Referral', 'Outbound', 'Event', 'Partner', ''];
const LOSS_REASONS = ['Price', 'Went with a competitor', 'No budget', 'Timing'];
const FIRST = ['Anna', 'Ben', 'Chloé', 'David', 'Elif', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas'];
const LAST = ['Schmidt', 'Müller', 'Dubois', 'García', 'Rossi', 'Nowak', 'Jansen', 'Silva'];

/** mulberry32: the same file every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const csvCell = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const moment = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** A deals export as Pipedrive writes it: entity-prefixed headers, names for owners and links. */
export function pipedriveDealsCsv(rows: number): string {
  const random = prng(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const organizations = Array.from(
    { length: ORGANIZATIONS },
    (_, i) => `${pick(LAST)} ${pick(['GmbH', 'Ltd', 'Inc.', 'SA', 'BV'])} ${i + 1}`,
  );
  const people = Array.from({ length: PEOPLE }, (_, i) => {
    const first = pick(FIRST);
    const last = pick(LAST);
    const email = `${first}.${last}.${i}@example.com`
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
    return { name: `${first} ${last}`, email };
  });
  const lines = [
    [
      'Deal - ID',
      'Deal - Title',
      'Deal - Value',
      'Deal - Currency',
      'Deal - Stage',
      'Deal - Status',
      'Deal - Owner',
      'Deal - Organization',
      'Deal - Contact person',
      'Person - Email',
      'Deal - Expected close date',
      'Deal - Lost reason',
      'Deal - Deal created',
      'Deal - Lead Source',
      'Deal - Label',
      'Deal - Probability',
    ].join(','),
  ];
  const now = Date.UTC(2026, 10, 1);
  for (let i = 0; i < rows; i++) {
    const organization = pick(organizations);
    const person = people[Math.floor(random() * people.length)]!;
    const roll = random();
    const status = roll < 0.7 ? 'Open' : roll < 0.82 ? 'Won' : 'Lost';
    const created =
      now - Math.floor(random() * 300) * 86_400_000 - Math.floor(random() * 86_400_000);
    lines.push(
      [
        String(1000 + i),
        csvCell(`${organization} — ${pick(PRODUCTS)}`),
        random() < 0.5 ? String(Math.round(random() * 150_000)) : (random() * 90_000).toFixed(2),
        random() < 0.9 ? 'EUR' : 'USD',
        pick(STAGES),
        status,
        pick(REPS),
        csvCell(organization),
        random() < 0.9 ? person.name : '',
        random() < 0.8 ? person.email : '',
        random() < 0.85 ? day(created + Math.floor(random() * 120) * 86_400_000) : '',
        status === 'Lost' ? pick(LOSS_REASONS) : '',
        moment(created),
        pick(SOURCES),
        csvCell(random() < 0.3 ? 'Hot, Enterprise' : ''),
        String(Math.floor(random() * 100)),
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/**
 * Import a 50,000-row Pipedrive deals export through the API as the window does it: upload in
 * chunks, preview, run with the suggested mapping. Each run gets a fresh database with the team.
 */
export async function importBench(dir: string, runs = 3): Promise<void> {
  const csv = pipedriveDealsCsv(ROWS);
  const seconds: number[] = [];
  for (let run = 0; run < runs; run++) {
    const dbPath = join(dir, `import-${run}.db`);
    const core = createCore({ dbPath });
    await core.call('team.setup', {
      teamName: 'Northwind',
      userName: REPS[0]!,
      email: 'rita.rep@northwind.example',
      currency: 'EUR',
    });
    core.store.write((w) => {
      // Times without a zone in the file are read on the team's clock.
      w.update('team', TEAM_ID, { time_zone: 'Europe/Berlin' });
      for (const name of REPS.slice(1)) {
        w.insert('users', {
          name,
          email: `${name.toLowerCase().replace(' ', '.')}@northwind.example`,
          role: 'rep',
        });
      }
    });

    const started = performance.now();
    const { importId } = await core.call('import.start', { kind: 'deals', filename: 'deals.csv' });
    for (let at = 0; at < csv.length; at += MAX_IMPORT_CHUNK_CHARS) {
      await core.call('import.append', {
        importId,
        text: csv.slice(at, at + MAX_IMPORT_CHUNK_CHARS),
      });
    }
    const preview = await core.call('import.preview', { importId });
    const report = await core.call('import.run', { importId, mapping: preview.mapping });
    seconds.push((performance.now() - started) / 1000);
    core.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
    if (report.created !== ROWS || report.failed !== 0) {
      throw new Error(
        `the import bench imported ${report.created} of ${ROWS} rows: ${JSON.stringify(report.errors.slice(0, 3))}`,
      );
    }
  }
  print({
    name: 'import 50,000 Pipedrive deals (upload, preview, check, write)',
    value: median(seconds),
    unit: 's',
    target: 5,
    runs,
    note: `${(csv.length / 1024 / 1024).toFixed(1)} MB of CSV; creates the accounts and contacts it names, every row with its ops`,
  });
}
