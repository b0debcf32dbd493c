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
const HOUR = 3_600_000;

async function firstRun(page: Page, url: string) {
  await page.goto(url);
  await page.getByLabel('Team name').fill('Northwind Sales');
  await page.getByLabel('Your name').fill('Rita Rep');
  await page.getByLabel('Work email').fill('rita@northwind.example');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page).not.toHaveURL(/token=/);
}

/** A deal with its contact and their phone, as an import of deals brings them. */
async function importDeal(page: Page) {
  await page.getByRole('link', { name: 'Import' }).click();
  await page.getByLabel('Choose a CSV file').setInputFiles({
    name: 'deals.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'Title,Company,Contact name,Contact email,Contact phone\r\n' +
        'Acme GmbH — Annual licence,Acme GmbH,Anna Schmidt,anna@acme.example,+49 30 1234567\r\n',
    ),
  });
  await page.getByRole('button', { name: 'Import 1 deal' }).click();
  await expect(page.getByRole('heading', { name: /^Imported 1 deal/ })).toBeVisible();
}

/** "2026-03-02 18:15:04" as the wall clock of Tokyo (UTC+9, no summer time) shows `utc`. */
const tokyo = (utc: number) =>
  new Date(utc + 9 * HOUR).toISOString().slice(0, 19).replace('T', ' ');

/**
 * An Aircall-style log of three calls two days ago, its times written in Tokyo: one with Anna
 * (her number written another way), a missed call from her nobody took, and one by a dialer user
 * the team does not know, to a number nobody has.
 */
function aircallLog() {
  const start = Math.floor((Date.now() - 2 * 24 * HOUR) / 60_000) * 60_000;
  const calls = [start, start + HOUR, start + 2 * HOUR];
  const csv = [
    'id,direction,status,started_at,answered_at,ended_at,duration,raw_digits,user_email,comments',
    `7001,outbound,answered,${tokyo(calls[0]!)},${tokyo(calls[0]! + 10_000)},${tokyo(calls[0]! + 754_000)},754,0049 30 1234567,rita@northwind.example,"Walked through pricing; sending the proposal"`,
    `7002,inbound,missed,${tokyo(calls[1]!)},,${tokyo(calls[1]! + 25_000)},25,+49 (30) 123-4567,,`,
    `7003,outbound,answered,${tokyo(calls[2]!)},${tokyo(calls[2]! + 5_000)},${tokyo(calls[2]! + 185_000)},185,+1 212 555 0199,zoe@elsewhere.example,`,
  ].join('\r\n');
  return { csv, calls };
}

async function chooseCallLog(page: Page, csv: string, name = 'aircall-calls.csv') {
  await page.getByRole('radio', { name: /Call log/ }).check();
  await page.getByLabel('Choose a CSV file').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
}

test('a manager imports a dialer’s call log: times in the chosen zone, an unknown dialer user matched, the calls on the deal’s history', async ({
  page,
  host,
}) => {
  await firstRun(page, host.url);
  await importDeal(page);
  const origin = new URL(host.url).origin;
  await page.getByRole('button', { name: 'Import another file' }).click();
  const { csv, calls } = aircallLog();
  await chooseCallLog(page, csv);

  await expect(
    page.getByRole('heading', { name: 'Match the columns of aircall-calls.csv' }),
  ).toBeVisible();
  await expect(page.getByText('Recognised an Aircall call log')).toBeVisible();
  await expect(page.getByLabel('Import “raw_digits” as')).toHaveValue('phone');
  await expect(page.getByLabel('Import “user_email” as')).toHaveValue('rep');
  await expect(page.getByLabel('Import “started_at” as')).toHaveValue('startedAt');

  await page.getByLabel('Times in the file are in').selectOption('Asia/Tokyo');
  await expect(
    page.getByText('1 call by someone in “user_email” who is not on your team will be left out'),
  ).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'choose who they are' })).toContainText(
    '1 person in “user_email” is not on your team: choose who they are, or their 1 call will be left out and listed.',
  );
  // Checked first: the unknown dialer user's call is named, the rest would arrive.
  await page.getByLabel('Dry run').check();
  await page.getByRole('button', { name: 'Check 3 calls' }).click();
  await expect(
    page.getByRole('heading', { name: 'Checked: 2 calls ready to import' }),
  ).toBeVisible();
  const problems = page.getByRole('table', { name: 'Problems by line' });
  await expect(problems.getByRole('row', { name: /^4 user_email/ })).toContainText(
    'Rep “zoe@elsewhere.example” is not a team member (Rita Rep)',
  );

  await page.getByRole('button', { name: 'Change the column matching' }).click();
  await page
    .getByLabel('Calls of “zoe@elsewhere.example” go to')
    .selectOption({ label: 'Rita Rep' });
  await expect(page.getByRole('status').filter({ hasText: 'settled' })).toContainText(
    'All 2 people in “user_email” are settled.',
  );
  await page.getByLabel('Dry run').uncheck();
  await page.getByRole('button', { name: 'Import 3 calls' }).click();

  await expect(page.getByRole('heading', { name: 'Imported 3 calls' })).toBeVisible();
  await expect(
    page.getByText('2 matched to a contact by phone number, 2 to an open deal.'),
  ).toBeVisible();

  const db = new Database(host.dbPath, { readonly: true });
  const stored = db
    .prepare(
      `SELECT c.external_id AS id, c.started_at AS startedAt, c.disposition, d.title AS deal,
              u.name AS rep
         FROM calls c LEFT JOIN deals d ON d.id = c.deal_id LEFT JOIN users u ON u.id = c.rep_id
        ORDER BY c.started_at`,
    )
    .all();
  const activity = db.prepare('SELECT last_activity_at AS at FROM deals').get() as { at: number };
  db.close();
  expect(stored).toEqual([
    {
      id: '7001',
      startedAt: calls[0],
      disposition: 'connected',
      deal: 'Acme GmbH — Annual licence',
      rep: 'Rita Rep',
    },
    {
      id: '7002',
      startedAt: calls[1],
      disposition: 'no-answer',
      deal: 'Acme GmbH — Annual licence',
      rep: null,
    },
    { id: '7003', startedAt: calls[2], disposition: 'connected', deal: null, rep: 'Rita Rep' },
  ]);
  // The deal was created just now, after these calls: its last activity stays.
  expect(activity.at).toBeGreaterThan(calls[2]!);

  // The calls are on the deal's history.
  await page.goto(`${origin}/#/deals`);
  await page.getByRole('link', { name: 'Acme GmbH — Annual licence' }).first().click();
  const history = page.getByRole('list', { name: 'Call history' });
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('listitem').first()).toContainText('No answer');
  await expect(history.getByRole('listitem').last()).toContainText(
    'Walked through pricing; sending the proposal',
  );
  await expect(history.getByRole('listitem').last()).toContainText('Connected');

  // The same export again adds nothing.
  await page.getByRole('link', { name: 'Import' }).click();
  await chooseCallLog(page, csv);
  await page.getByLabel('Times in the file are in').selectOption('Asia/Tokyo');
  await page
    .getByLabel('Calls of “zoe@elsewhere.example” go to')
    .selectOption({ label: 'Rita Rep' });
  await page.getByRole('button', { name: 'Import 3 calls' }).click();
  await expect(page.getByRole('heading', { name: 'Nothing new to import' })).toBeVisible();
  await expect(page.getByText('3 calls of this file were imported before')).toBeVisible();
});

// Screenshots of the call log steps in both themes, for review: COCKPIT_SHOTS=/tmp/shots.
const SHOTS = process.env.COCKPIT_SHOTS;
test('screenshots of a call log import', async ({ page, host }) => {
  test.skip(!SHOTS, 'set COCKPIT_SHOTS to a folder to take them');
  mkdirSync(SHOTS!, { recursive: true });
  await firstRun(page, host.url);
  await importDeal(page);
  const origin = new URL(host.url).origin;
  const ringcentral = readFileSync(join(FIXTURES, 'ringcentral-calls.csv'), 'utf8');

  for (const theme of ['light', 'dark'] as const) {
    await page.goto(`${origin}/#/deals`);
    await page.evaluate((value) => localStorage.setItem('cockpit.theme', value), theme);
    await page.getByRole('link', { name: 'Import' }).click();
    await page.reload();
    await page.getByRole('radio', { name: /Call log/ }).check();
    await page.screenshot({ path: join(SHOTS!, `import-calls-1-choose-${theme}.png`) });

    // Each theme imports its own calls: other ids, and read in another zone.
    const file = theme === 'light' ? ringcentral : ringcentral.replaceAll('183245010', '183245020');
    await chooseCallLog(page, file, 'ringcentral-calls.csv');
    await expect(page.getByText('Recognised a RingCentral call log')).toBeVisible();
    await page
      .getByLabel('Times in the file are in')
      .selectOption(theme === 'light' ? 'America/Los_Angeles' : 'America/New_York');
    await page.setViewportSize({ width: 1440, height: 1500 });
    await page.screenshot({ path: join(SHOTS!, `import-calls-2-mapping-${theme}.png`) });
    await page.getByLabel('Calls of “102” go to').selectOption({ label: 'Rita Rep' });
    await page
      .getByRole('region', { name: 'Time zone and reps' })
      .screenshot({ path: join(SHOTS!, `import-calls-2-reps-settled-${theme}.png`) });
    await page.setViewportSize({ width: 1440, height: 900 });

    await page.getByRole('button', { name: 'Import 5 calls' }).click();
    await expect(page.getByRole('heading', { name: 'Imported 5 calls' })).toBeVisible();
    await page.screenshot({ path: join(SHOTS!, `import-calls-3-report-${theme}.png`) });

    await page.goto(`${origin}/#/deals`);
    await page.getByRole('link', { name: 'Acme GmbH — Annual licence' }).first().click();
    await expect(page.getByRole('list', { name: 'Call history' })).toBeVisible();
    await page.screenshot({ path: join(SHOTS!, `import-calls-5-deal-history-${theme}.png`) });
  }
  // A log with problems, for a report worth looking at.
  await page.getByRole('link', { name: 'Import' }).click();
  await chooseCallLog(
    page,
    readFileSync(join(FIXTURES, 'calls-with-errors.csv'), 'utf8'),
    'calls.csv',
  );
  await page.getByRole('button', { name: 'Import 9 calls' }).click();
  await expect(page.getByRole('heading', { name: /^Imported/ })).toBeVisible();
  await page.screenshot({ path: join(SHOTS!, 'import-calls-4-problems-dark.png') });
});
