import Database from 'better-sqlite3';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.beforeEach(async ({ page }) => {
  page.on('pageerror', (error) => {
    throw error;
  });
});

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');

async function firstRun(page: Page, url: string) {
  await page.goto(url);
  await page.getByLabel('Team name').fill('Northwind Sales');
  await page.getByLabel('Your name').fill('Rita Rep');
  await page.getByLabel('Work email').fill('rita@northwind.example');
  await page.getByRole('button', { name: 'Start' }).click();
  // The team is set up once the app itself shows (leaving earlier would abandon the setup).
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page).not.toHaveURL(/token=/);
}

/** Eight deals; lines 4, 7 and 9 are wrong in three different ways. */
const DEALS_CSV = [
  'Title;Value;Stage;Owner;Company;Contact email;Expected close date',
  'Acme — Platform licence;12.500,00 €;Qualified;Rita Rep;Acme GmbH;anna@acme.example;31/12/2026',
  'Globex — Pilot;4.800;Demo;rita@northwind.example;Globex;hank@globex.example;15/01/2027',
  'Initech — Support;12,5x;Proposal;Rita Rep;Initech;bill@initech.example;30/11/2026',
  'Umbrella — Add-on;900;New lead;;Umbrella;alice@umbrella.example;',
  'Hooli — Renewal;3.000;Won;Rita Rep;Hooli;gavin@hooli.example;01/10/2026',
  'Wonka — Pilot;700;Closed Won-ish;Rita Rep;Wonka;charlie@wonka.example;30/11/2026',
  'Stark — Pilot;800;Negotiation;Rita Rep;Stark;tony@stark.example;30/11/2026',
  'Oscorp — Pilot;900;Demo;Rita Rep;Oscorp;norman@;30/11/2026',
].join('\r\n');

test('a rep imports a CSV: the three bad rows are named by line, the rest arrive', async ({
  page,
  host,
}) => {
  await firstRun(page, host.url);
  await page.getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Deals/ })).toBeChecked();

  await page.getByLabel('Choose a CSV file').setInputFiles({
    name: 'q4-deals.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(DEALS_CSV),
  });

  await expect(
    page.getByRole('heading', { name: 'Match the columns of q4-deals.csv' }),
  ).toBeVisible();
  await expect(page.getByLabel('Import “Title” as')).toHaveValue('title');
  await expect(page.getByLabel('Import “Company” as')).toHaveValue('account');
  await expect(page.getByLabel('Import “Contact email” as')).toHaveValue('contactEmail');
  await expect(page.getByRole('table', { name: 'Columns of the file' })).toContainText(
    '12.500,00 €',
  );
  await page.getByRole('button', { name: 'Import 8 deals' }).click();

  await expect(page.getByRole('heading', { name: 'Imported 5 deals' })).toBeVisible();
  await expect(page.getByText('3 rows have problems and were left out')).toBeVisible();
  const problems = page.getByRole('table', { name: 'Problems by line' });
  await expect(problems.getByRole('row')).toHaveCount(4);
  await expect(problems.getByRole('row', { name: /^4 Value/ })).toContainText(
    'Value “12,5x” is not an amount',
  );
  await expect(problems.getByRole('row', { name: /^7 Stage/ })).toContainText(
    'Stage “Closed Won-ish” is not a stage of this pipeline (New lead, Contacted',
  );
  await expect(problems.getByRole('row', { name: /^9 Contact email/ })).toContainText(
    'Contact email “norman@” is not an email address',
  );

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download errors as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('q4-deals-problems.csv');
  expect(readFileSync((await file.path())!, 'utf8')).toContain(
    '4,Value,"Value “12,5x” is not an amount"',
  );

  const db = new Database(host.dbPath, { readonly: true });
  const deals = db
    .prepare(
      `SELECT d.title, d.value_minor AS value, s.name AS stage, a.name AS account
         FROM deals d JOIN stages s ON s.id = d.stage_id LEFT JOIN accounts a ON a.id = d.account_id
        ORDER BY d.title`,
    )
    .all();
  const logged = db
    .prepare(`SELECT count(DISTINCT row_id) AS n FROM sync_ops WHERE tbl = 'deals'`)
    .get();
  db.close();
  expect(deals).toEqual([
    {
      title: 'Acme — Platform licence',
      value: 1_250_000,
      stage: 'Qualified',
      account: 'Acme GmbH',
    },
    { title: 'Globex — Pilot', value: 480_000, stage: 'Demo', account: 'Globex' },
    { title: 'Hooli — Renewal', value: 300_000, stage: 'Won', account: 'Hooli' },
    { title: 'Stark — Pilot', value: 80_000, stage: 'Negotiation', account: 'Stark' },
    { title: 'Umbrella — Add-on', value: 90_000, stage: 'New lead', account: 'Umbrella' },
  ]);
  expect(logged).toEqual({ n: 5 });

  await page.getByRole('link', { name: 'Open deals' }).click();
  await expect(page.getByText('Acme — Platform licence')).toBeVisible();
});

test('a Pipedrive export is recognised; a dry run writes nothing, then the import does', async ({
  page,
  host,
}) => {
  await firstRun(page, host.url);
  await page.goto(`${new URL(host.url).origin}/#/import`);
  // The import page itself (its code loads on demand), not the board it came from.
  await expect(page.getByRole('heading', { name: 'Import', level: 1 })).toBeVisible();
  // Dropped on the page rather than chosen.
  const csv = readFileSync(join(FIXTURES, 'pipedrive-deals.csv'), 'utf8')
    .replaceAll('Sam Seller', 'Rita Rep')
    .replaceAll('sam@northwind.example', 'rita@northwind.example');
  const transfer = await page.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'pipedrive-deals.csv', { type: 'text/csv' }));
    return data;
  }, csv);
  await page.dispatchEvent('main h1', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('main h1', 'drop', { dataTransfer: transfer });

  await expect(page.getByText('Recognised a Pipedrive export')).toBeVisible();
  await expect(page.getByLabel('Import “Deal - Stage” as')).toHaveValue('stage');
  await expect(page.getByLabel('Import “Deal - ID” as')).toHaveValue('');
  await page.getByLabel('Dry run').check();
  await page.getByRole('button', { name: 'Check 6 deals' }).click();
  await expect(
    page.getByRole('heading', { name: 'Checked: 6 deals ready to import' }),
  ).toBeVisible();

  const count = () => {
    const db = new Database(host.dbPath, { readonly: true });
    const { n } = db.prepare('SELECT count(*) AS n FROM deals').get() as { n: number };
    db.close();
    return n;
  };
  expect(count()).toBe(0);

  await page.getByRole('button', { name: 'Import 6 deals now' }).click();
  await expect(page.getByRole('heading', { name: 'Imported 6 deals' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: /^5$/ })).toBeVisible();
  expect(count()).toBe(6);
});

test('a file that is not CSV is refused with a sentence saying so', async ({ page, host }) => {
  await firstRun(page, host.url);
  await page.goto(`${new URL(host.url).origin}/#/import`);
  await page.getByRole('radio', { name: /Contacts/ }).check();
  await page.getByLabel('Choose a CSV file').setInputFiles({
    name: 'contacts.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]),
  });
  await expect(page.getByRole('alert')).toContainText('This file could not be read');
  await expect(page.getByRole('alert')).toContainText('it looks like an Excel workbook');
});

// Screenshots of every step in both themes, for review: COCKPIT_SHOTS=/tmp/shots.
const SHOTS = process.env.COCKPIT_SHOTS;
test('screenshots of the wizard', async ({ page, host }) => {
  test.skip(!SHOTS, 'set COCKPIT_SHOTS to a folder to take them');
  mkdirSync(SHOTS!, { recursive: true });
  await firstRun(page, host.url);
  const origin = new URL(host.url).origin;
  const big = readFileSync(join(FIXTURES, 'hubspot-deals.csv'), 'utf8')
    .replaceAll('Sam Seller', 'Rita Rep')
    .trimEnd()
    .split('\n');
  // A HubSpot export with a few problems, for a report worth looking at.
  const withProblems = [
    ...big,
    '9008,Initech - Pilot,Proposal Sent,Sales Pipeline,"12,5x",2026-12-01 00:00,Rita Rep,Initech,2026-09-01 10:00,,',
    '9009,Vandelay - Latex order,Closed Won-ish,Sales Pipeline,5000,2026-12-01 00:00,Rita Rep,Vandelay Industries,2026-09-02 10:00,,',
    '9010,Pied Piper - Compression,Qualified To Buy,Sales Pipeline,8000,31/02/2027,Gavin Belson,Pied Piper,2026-09-03 10:00,,',
  ].join('\n');

  for (const theme of ['light', 'dark'] as const) {
    await page.goto(`${origin}/#/import`);
    await page.evaluate((value) => localStorage.setItem('cockpit.theme', value), theme);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
    await page.screenshot({ path: join(SHOTS!, `import-1-choose-${theme}.png`) });

    await page.getByLabel('Choose a CSV file').setInputFiles({
      name: 'hubspot-deals.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(withProblems),
    });
    await expect(page.getByText('Recognised a HubSpot export')).toBeVisible();
    await page.screenshot({ path: join(SHOTS!, `import-2-mapping-${theme}.png`) });
    // The page scrolls inside the frame, so a tall window shows all of it.
    await page.setViewportSize({ width: 1440, height: 1560 });
    await page.screenshot({ path: join(SHOTS!, `import-2-mapping-full-${theme}.png`) });
    await page.setViewportSize({ width: 1440, height: 900 });

    await page.getByLabel('Dry run').check();
    await page.getByRole('button', { name: 'Check 10 deals' }).click();
    await expect(
      page.getByRole('heading', { name: 'Checked: 7 deals ready to import' }),
    ).toBeVisible();
    await page.screenshot({ path: join(SHOTS!, `import-4-dry-run-${theme}.png`) });
    await page.getByRole('button', { name: 'Import 7 deals now' }).click();
    await expect(page.getByRole('heading', { name: 'Imported 7 deals' })).toBeVisible();
    await page.screenshot({ path: join(SHOTS!, `import-4-report-${theme}.png`) });
  }

  // The progress bar, on a file large enough to watch.
  const rows = ['Title,Value,Stage,Owner,Company'];
  for (let i = 0; i < 60_000; i++)
    rows.push(`Deal ${i},${i % 9000},Qualified,Rita Rep,Company ${i % 4000}`);
  await page.getByRole('button', { name: 'Import another file' }).click();
  await page.getByLabel('Choose a CSV file').setInputFiles({
    name: 'big.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(rows.join('\n')),
  });
  // The options stay as they were for the last file.
  await page.getByLabel('Dry run').uncheck();
  await page.getByRole('button', { name: 'Import 60,000 deals' }).click();
  await expect(page.getByRole('progressbar')).toBeVisible();
  // Past the bar's own transition, so the picture shows where the import is.
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SHOTS!, 'import-3-progress-dark.png') });
  await expect(page.getByRole('heading', { name: 'Imported 60,000 deals' })).toBeVisible({
    timeout: 60_000,
  });
});
