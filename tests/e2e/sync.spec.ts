import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, startHost, test as base } from './fixtures';

interface Device {
  page: Page;
  origin: string;
}

/** Two laptops: two `cockpit web` hosts on two databases, each in its own browser context. */
const test = base.extend<{ laptops: { a: Device; b: Device; folder: string } }>({
  laptops: async ({ browser }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'cockpit-sync-'));
    const folder = join(dir, 'Team share', 'Cockpit');
    mkdirSync(folder, { recursive: true });
    const hostA = await startHost(join(dir, 'a.db'));
    const hostB = await startHost(join(dir, 'b.db'));
    const a = await open(browser, hostA.url);
    const b = await open(browser, hostB.url);
    await use({ a, b, folder });
    await a.page.context().close();
    await b.page.context().close();
    await Promise.all([hostA.stop(), hostB.stop()]);
    rmSync(dir, { recursive: true, force: true });
  },
});

async function open(browser: Browser, url: string): Promise<Device> {
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(url);
  return { page, origin: new URL(url).origin };
}

async function setUpTeam(page: Page, name: string, email: string) {
  await page.getByLabel('Team name').fill('Northwind Sales');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('heading', { name: 'Pipeline' })).toBeVisible();
}

const syncLink = (page: Page) => page.getByRole('link', { name: /^Sync status:/ });

test('a rep creates a workspace in a folder, a teammate joins it, and a new deal reaches the teammate’s open table without a reload', async ({
  laptops: { a, b, folder },
}) => {
  await setUpTeam(a.page, 'Rita Rep', 'rita@northwind.example');
  await setUpTeam(b.page, 'Sam Seller', 'sam@northwind.example');

  // A: the sidebar says sync is off and leads to its page.
  await expect(syncLink(a.page)).toHaveAccessibleName('Sync status: Not syncing');
  await syncLink(a.page).click();
  await expect(a.page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
  await expect(a.page.getByText('never the database itself')).toBeVisible();
  await expect(a.page.getByText('no server checks roles')).toBeVisible();

  const create = a.page.getByRole('form', { name: 'Create a workspace in a folder' });
  // Both empty fields are named at once, from the contract's own rules.
  await create.getByRole('button', { name: 'Create workspace' }).click();
  await expect(create.getByLabel('Folder', { exact: true })).toHaveAccessibleDescription(
    'Choose a folder',
  );
  await expect(create.getByLabel('Workspace name')).toHaveAccessibleDescription(
    'Give the workspace a name',
  );
  // A folder that is not there is the core's to refuse, on the field.
  await create.getByLabel('Folder', { exact: true }).fill(join(folder, 'missing'));
  await create.getByLabel('Workspace name').fill('Northwind Sales');
  await create.getByRole('button', { name: 'Create workspace' }).click();
  await expect(create.getByLabel('Folder', { exact: true })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expect(create.getByRole('alert')).toContainText('does not exist');

  await create.getByLabel('Folder', { exact: true }).fill(folder);
  await create.getByRole('button', { name: 'Create workspace' }).click();
  await expect(
    a.page.getByRole('status').filter({ hasText: 'Workspace “Northwind Sales” created' }),
  ).toBeVisible();
  const panelA = a.page.getByRole('region', { name: 'Northwind Sales' });
  await expect(panelA.getByText('In sync')).toBeVisible();
  await expect(panelA.getByText(folder)).toBeVisible();
  await expect(syncLink(a.page)).toHaveAccessibleName(/^Sync status: Synced (just now|1 min ago)$/);

  // B: joins the same folder from the keyboard's way to the sync page.
  await b.page.keyboard.press('Shift+S');
  const join_ = b.page.getByRole('form', { name: 'Join a workspace' });
  await join_.getByLabel('Folder', { exact: true }).fill(folder);
  await join_.getByRole('button', { name: 'Join workspace' }).click();
  await expect(
    b.page.getByRole('status').filter({ hasText: 'Joined workspace “Northwind Sales”' }),
  ).toBeVisible();
  await expect(b.page.getByRole('region', { name: 'Northwind Sales' })).toBeVisible();

  // B keeps its deals table open; the page must not reload on the way.
  await b.page.goto(`${b.origin}/#/deals`);
  await expect(b.page.getByRole('heading', { name: 'Pipeline' })).toBeVisible();
  await b.page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

  // A: a new deal, through the UI.
  await a.page.goto(`${a.origin}/#/board`);
  await a.page.getByRole('button', { name: 'New deal' }).click();
  const sheet = a.page.getByRole('dialog', { name: 'New deal' });
  await sheet.getByLabel('Deal name').fill('Globex — Fleet rollout');
  await sheet.getByLabel('Value').fill('48000');
  await sheet.getByRole('button', { name: 'Create deal' }).click();
  await expect(a.page.getByRole('status').filter({ hasText: 'Deal created' })).toBeVisible();

  // B: the deal arrives through the folder (file events or the poll) into the open table.
  const row = b.page.getByRole('row', { name: /Globex — Fleet rollout/ });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row).toContainText('€48,000');
  expect(await b.page.evaluate(() => 'stillTheSamePage' in window)).toBe(true);

  // B: the status panel lists A, by its person, as a device that is up to date.
  await syncLink(b.page).click();
  const devices = b.page.getByRole('table', { name: 'Devices' });
  const rita = devices.getByRole('row', { name: /Rita Rep/ });
  await expect(rita).toBeVisible();
  await expect(rita).toContainText('rita@northwind.example');
  await expect(rita).toContainText('Up to date', { timeout: 10_000 });
  await expect(b.page.getByRole('region', { name: 'Conflicts' })).toContainText('No conflicts');

  // B opens the deal; A moves it on the board from the keyboard: B's open page follows it.
  await b.page.getByRole('link', { name: 'Deals', exact: true }).click();
  await b.page
    .getByRole('row', { name: /Globex — Fleet rollout/ })
    .getByRole('link')
    .first()
    .click();
  await expect(
    b.page.getByRole('heading', { level: 1, name: 'Globex — Fleet rollout' }),
  ).toBeVisible();
  const stageOnB = b.page.getByRole('combobox', { name: 'Stage' }).locator('option:checked');
  await expect(stageOnB).toHaveText(/New lead/);
  const card = a.page.getByRole('button', { name: /^Globex — Fleet rollout/ });
  await card.focus();
  await a.page.keyboard.press('Shift+ArrowRight');
  await expect(
    a.page.getByRole('list', { name: 'Contacted deals' }).getByRole('button', {
      name: /^Globex — Fleet rollout/,
    }),
  ).toBeVisible();
  await expect(stageOnB).toHaveText(/Contacted/, { timeout: 20_000 });
  expect(await b.page.evaluate(() => 'stillTheSamePage' in window)).toBe(true);
});

async function createWorkspace(page: Page, folder: string) {
  await syncLink(page).click();
  const form = page.getByRole('form', { name: 'Create a workspace in a folder' });
  await form.getByLabel('Folder', { exact: true }).fill(folder);
  await form.getByLabel('Workspace name').fill('Northwind Sales');
  await form.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByRole('region', { name: 'Northwind Sales' })).toBeVisible();
}

async function joinWorkspace(page: Page, folder: string) {
  const form = page.getByRole('form', { name: 'Join a workspace' });
  await form.getByLabel('Folder', { exact: true }).fill(folder);
  await form.getByRole('button', { name: 'Join workspace' }).click();
  await expect(page.getByRole('region', { name: 'Northwind Sales' })).toBeVisible();
}

async function setValue(page: Page, value: string) {
  const details = page.getByRole('region', { name: 'Details' });
  await details.getByLabel('Value').fill(value);
  await details.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deal saved' })).toBeVisible();
}

test('a teammate stops syncing, both edit the same field, and the conflict waits in the inbox until someone chooses', async ({
  laptops: { a, b, folder },
}) => {
  await setUpTeam(a.page, 'Rita Rep', 'rita@northwind.example');
  await setUpTeam(b.page, 'Sam Seller', 'sam@northwind.example');
  await createWorkspace(a.page, folder);
  await syncLink(b.page).click();
  await joinWorkspace(b.page, folder);

  await a.page.goto(`${a.origin}/#/board`);
  await a.page.getByRole('button', { name: 'New deal' }).click();
  const sheet = a.page.getByRole('dialog', { name: 'New deal' });
  await sheet.getByLabel('Deal name').fill('Initech — Support');
  await sheet.getByRole('button', { name: 'Create deal' }).click();
  await expect(a.page.getByRole('status').filter({ hasText: 'Deal created' })).toBeVisible();
  await b.page.goto(`${b.origin}/#/deals`);
  await expect(b.page.getByRole('row', { name: /Initech — Support/ })).toBeVisible({
    timeout: 20_000,
  });

  // B leaves: a confirmation that says nothing is deleted, then the set-up choices again.
  await syncLink(b.page).click();
  await b.page.getByRole('button', { name: 'Stop syncing this device' }).click();
  const confirm = b.page.getByRole('dialog', { name: 'Stop syncing this device?' });
  await expect(confirm).toContainText('Nothing is deleted');
  await confirm.getByRole('button', { name: 'Stop syncing' }).click();
  await expect(confirm).toBeHidden();
  await expect(syncLink(b.page)).toHaveAccessibleName('Sync status: Not syncing');
  await expect(b.page.getByRole('form', { name: 'Join a workspace' })).toBeVisible();

  // Both change the deal's value without seeing each other's change; A's is the later one.
  await b.page.goto(`${b.origin}/#/deals`);
  await b.page.getByRole('link', { name: 'Initech — Support' }).click();
  await setValue(b.page, '15000');
  await a.page.goto(`${a.origin}/#/deals`);
  await a.page.getByRole('link', { name: 'Initech — Support' }).click();
  await setValue(a.page, '20000');
  // A keeps its table open from here on.
  await a.page.goto(`${a.origin}/#/deals`);
  const rowOnA = a.page.getByRole('row', { name: /Initech — Support/ });
  await expect(rowOnA).toContainText('€20,000');

  // B joins again: the conflict shows in the sidebar and in the inbox, both values side by side.
  await syncLink(b.page).click();
  await joinWorkspace(b.page, folder);
  await expect(syncLink(b.page)).toHaveAccessibleName(/· 1 conflict to settle$/);
  const conflict = b.page.getByRole('article', { name: /Initech — Support.*Value/ });
  const kept = conflict.getByRole('group', { name: 'Kept' });
  const lost = conflict.getByRole('group', { name: 'Lost' });
  await expect(kept).toContainText('€20,000');
  await expect(kept).toContainText('Rita Rep');
  await expect(lost).toContainText('€15,000');
  await expect(lost).toContainText('Sam Seller');
  await expect(conflict.getByRole('link', { name: 'Deal “Initech — Support”' })).toHaveAttribute(
    'href',
    /#\/deals\//,
  );

  await lost.getByRole('button', { name: 'Use this instead' }).click();
  await expect(
    b.page.getByRole('status').filter({ hasText: 'set to Sam Seller’s value' }),
  ).toBeVisible();
  await expect(b.page.getByRole('region', { name: 'Conflicts' })).toContainText('No conflicts');
  await expect(syncLink(b.page)).toHaveAccessibleName(/^Sync status: Synced/);
  await expect(syncLink(b.page)).not.toHaveAccessibleName(/conflict/);

  // The choice is an edit like any other: it reaches A's open table.
  await expect(rowOnA).toContainText('€15,000', { timeout: 20_000 });
  await expect(syncLink(a.page)).not.toHaveAccessibleName(/conflict/);
});

test('a new teammate’s laptop joins the workspace from the first screen and picks who uses it', async ({
  laptops: { a, b, folder },
}) => {
  await setUpTeam(a.page, 'Rita Rep', 'rita@northwind.example');
  await createWorkspace(a.page, folder);
  await a.page.goto(`${a.origin}/#/board`);
  await a.page.getByRole('button', { name: 'New deal' }).click();
  const sheet = a.page.getByRole('dialog', { name: 'New deal' });
  await sheet.getByLabel('Deal name').fill('Umbrella — Renewal');
  await sheet.getByRole('button', { name: 'Create deal' }).click();
  await expect(a.page.getByRole('status').filter({ hasText: 'Deal created' })).toBeVisible();

  // B has never been set up: it joins instead of making a team of its own.
  await b.page.getByRole('button', { name: /join its workspace/ }).click();
  await expect(b.page.getByRole('radio', { name: 'A shared folder' })).toBeChecked();
  await b.page.getByLabel('Workspace folder').fill(folder);
  await b.page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(b.page.getByRole('heading', { name: 'Welcome to Northwind Sales' })).toBeVisible({
    timeout: 20_000,
  });
  await b.page.getByLabel('Your name').fill('Sam Seller');
  await b.page.getByLabel('Work email').fill('sam@northwind.example');
  await b.page.getByRole('button', { name: 'Start' }).click();
  await expect(b.page.getByRole('heading', { name: 'Pipeline' })).toBeVisible();
  await expect(b.page.getByRole('button', { name: /^Umbrella — Renewal/ })).toBeVisible();
  // One team, and the newcomer is a rep on it.
  await expect(b.page.getByText('Sales rep')).toBeVisible();
  await expect(syncLink(b.page)).toHaveAccessibleName(/^Sync status: Synced/);
});
