import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.beforeEach(async ({ page }) => {
  page.on('pageerror', (error) => {
    throw error;
  });
});

async function setUpTeam(page: Page) {
  await page.getByLabel('Team name').fill('Northwind Sales');
  await page.getByLabel('Your name').fill('Rita Rep');
  await page.getByLabel('Work email').fill('rita@northwind.example');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('heading', { name: 'Pipeline' })).toBeVisible();
}

const newLead = (page: Page) => page.getByRole('list', { name: 'New lead deals' });

test('a rep sets up the team, creates a deal, and it is still there after a reload, ops and all', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  // The access token leaves the address bar once the page has it.
  await expect(page).not.toHaveURL(/token=/);
  await setUpTeam(page);
  await expect(newLead(page)).toContainText('No deals');

  await page.keyboard.press('n');
  const sheet = page.getByRole('dialog', { name: 'New deal' });
  await expect(sheet.getByLabel('Deal name')).toBeFocused();
  await sheet.getByLabel('Deal name').fill('Acme GmbH — Annual licence');
  await sheet.getByLabel('Account').fill('Acme GmbH');
  await expect(sheet.getByText('A new account “Acme GmbH” will be created.')).toBeVisible();
  await sheet.getByLabel('Value').fill('12,500');
  await page.keyboard.press('Control+Enter');

  await expect(page.getByRole('status').filter({ hasText: 'Deal created' })).toBeVisible();
  await expect(sheet).toBeHidden();
  const card = newLead(page).getByRole('button', { name: /^Acme GmbH — Annual licence/ });
  await expect(card).toHaveAccessibleName(
    'Acme GmbH — Annual licence, Acme GmbH, €12,500, Rita Rep',
  );

  await page.reload();
  await expect(card).toBeVisible();

  const db = new Database(host.dbPath, { readonly: true });
  const deal = db
    .prepare(`SELECT id FROM deals WHERE title = 'Acme GmbH — Annual licence'`)
    .get() as { id: string };
  const ops = db
    .prepare(`SELECT col, value FROM sync_ops WHERE tbl = 'deals' AND row_id = ?`)
    .all(deal.id);
  db.close();
  expect(ops).toEqual(
    expect.arrayContaining([
      { col: 'title', value: 'Acme GmbH — Annual licence' },
      { col: 'value_minor', value: 1_250_000 },
      { col: 'currency', value: 'EUR' },
    ]),
  );
});

test('a rep edits a deal on its page; a bad amount is named; another window follows without reloading', async ({
  page,
  host,
  context,
}) => {
  await page.goto(host.url);
  await setUpTeam(page);
  await page.getByRole('button', { name: 'New deal' }).click();
  await page.getByLabel('Deal name').fill('Globex — Pilot');
  await page.getByRole('button', { name: 'Create deal' }).click();
  await expect(newLead(page).getByRole('button', { name: /^Globex — Pilot/ })).toBeVisible();

  // A second window on the table: it must show edits made in the first.
  const other = await context.newPage();
  await other.goto(new URL(page.url()).origin + '/#/deals');
  const row = other.getByRole('row', { name: /Globex — Pilot/ });
  await expect(row).toContainText('New lead');

  await newLead(page)
    .getByRole('button', { name: /^Globex — Pilot/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Globex — Pilot' })).toBeVisible();
  const details = page.getByRole('region', { name: 'Details' });
  await details.getByLabel('Value').fill('12.345');
  await details.getByRole('button', { name: 'Save changes' }).click();
  await expect(
    details.getByText('"12.345" is not an amount in EUR: at most 2 decimal places'),
  ).toBeVisible();
  await expect(details.getByLabel('Value')).toHaveAttribute('aria-invalid', 'true');

  await details.getByLabel('Value').fill('48000');
  await details.getByLabel('Stage', { exact: true }).selectOption({ label: 'Demo (40%)' });
  await details.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deal saved' })).toBeVisible();

  await expect(row).toContainText('Demo');
  await expect(row).toContainText('€48,000');
  // The move is on the deal's timeline.
  await expect(page.getByRole('region', { name: 'Activity' })).toContainText('Moved');
});

test('without its access token the page says how to get in', async ({ page, host }) => {
  await page.goto(host.url.replace(/\?token=.*/, ''));
  await expect(page.getByRole('heading', { name: 'Open the app from its link' })).toBeVisible();
});
