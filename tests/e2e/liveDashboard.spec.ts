import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { COCKPIT, ROOT, runCockpit } from '../helpers/cli';
import { expect, startHost, test as base } from './fixtures';

interface Laptop {
  page: Page;
  origin: string;
}

const DEAL = 'Acme GmbH — Annual licence';

/**
 * `cockpit server` on a temp data folder with an admin, a manager and a rep. Ada, the admin, sets
 * the team up on her laptop and connects it (only an admin's team settings are accepted by the
 * server); then two laptops (`cockpit web`, each on its own database) are on their first screen:
 * A for Ray, the rep, and B for Mia, the sales manager.
 */
const test = base.extend<{
  team: { server: string; a: Laptop; b: Laptop; tokens: { mia: string; ray: string } };
}>({
  team: async ({ browser }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'cockpit-live-dashboard-'));
    const data = join(dir, 'server');
    const token = async (name: string, role: string) => {
      const added = await runCockpit([
        'server',
        'add-user',
        '--data',
        data,
        '--name',
        name,
        '--email',
        `${name.toLowerCase()}@northwind.example`,
        '--role',
        role,
      ]);
      if (added.code !== 0) throw new Error(added.stderr);
      return added.stdout.trim().split('\n').at(-1)!;
    };
    const ada = await token('Ada', 'admin');
    const tokens = { mia: await token('Mia', 'manager'), ray: await token('Ray', 'rep') };
    const child: ChildProcess = spawn(
      process.execPath,
      [COCKPIT, 'server', '--data', data, '--port', '0'],
      { cwd: ROOT },
    );
    const server = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /server on (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) =>
        reject(new Error(`cockpit server exited with ${code}: ${output}`)),
      );
    });
    const hostAdmin = await startHost(join(dir, 'admin.db'));
    const admin = await open(browser, hostAdmin.url);
    await setUpTeam(admin.page, server, ada);
    await admin.page.context().close();
    await hostAdmin.stop();

    const hostA = await startHost(join(dir, 'a.db'));
    const hostB = await startHost(join(dir, 'b.db'));
    const a = await open(browser, hostA.url);
    const b = await open(browser, hostB.url);
    await use({ server, a, b, tokens });
    await a.page.context().close();
    await b.page.context().close();
    await Promise.all([hostA.stop(), hostB.stop()]);
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  },
});

async function open(browser: Browser, url: string): Promise<Laptop> {
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(url);
  return { page, origin: new URL(url).origin };
}

/** The admin names the team on her laptop and connects it to the server. */
async function setUpTeam(page: Page, server: string, token: string) {
  await page.getByLabel('Team name').fill('Northwind Sales');
  await page.getByLabel('Your name').fill('Ada');
  await page.getByLabel('Work email').fill('ada@northwind.example');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('heading', { name: 'Pipeline' })).toBeVisible();
  await page.keyboard.press('Shift+S');
  const form = page.getByRole('form', { name: 'Connect to your team’s sync server' });
  await form.getByLabel('Server address').fill(server);
  await form.getByLabel('Access token', { exact: true }).fill(token);
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('link', { name: 'Sync status: Synced just now' })).toBeVisible();
}

/** A teammate's laptop joins the team's server from its first screen. */
async function joinTeam(page: Page, server: string, token: string, name: string) {
  await page.getByRole('button', { name: /join its workspace/ }).click();
  await page.getByText('A sync server', { exact: true }).click();
  await page.getByLabel('Server address').fill(server);
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Welcome to Northwind Sales' })).toBeVisible();
  await expect(page.getByLabel('Your name')).toHaveValue(name);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('heading', { name: 'Pipeline' })).toBeVisible();
}

/** Headless Chromium has no dialer: stand in for it so its prompt does not eat keystrokes. */
async function standInForDialer(page: Page) {
  await page.evaluate(() => {
    document.addEventListener('click', (event) => {
      if ((event.target as Element).closest('a[href^="tel:"]')) event.preventDefault();
    });
  });
}

test('a call started on the rep’s laptop shows on the manager’s dashboard through the server, and its end changes the numbers, without a reload', async ({
  team: { server, a, b, tokens },
}) => {
  await joinTeam(b.page, server, tokens.mia, 'Mia');
  await expect(b.page.getByText('Manager')).toBeVisible();
  await joinTeam(a.page, server, tokens.ray, 'Ray');
  await expect(a.page.getByText('Sales rep')).toBeVisible();

  // Mia keeps the Activity dashboard open on her laptop, without reloading it.
  await b.page.keyboard.press('Shift+D');
  await expect(b.page.getByRole('heading', { name: 'Activity', level: 1 })).toBeVisible();
  await b.page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
  const onCall = b.page.getByRole('region', { name: /On a call now/ });
  await expect(onCall).toContainText('Nobody is on a call right now.');
  const row = b.page.getByRole('row', { name: /Ray/ });
  const cells = row.getByRole('cell');
  await expect(cells.nth(0)).toHaveText('0'); // calls
  await expect(cells.nth(1)).toHaveText('0'); // connects
  const charts = b.page.getByRole('region', { name: 'Calls per hour' });
  await expect(charts).toContainText('No calls in this range yet');
  await expect(charts.getByRole('img')).toHaveCount(0);

  // Ray imports his deal with its contact, opens it and calls (C).
  await a.page.getByRole('link', { name: 'Import' }).click();
  await a.page.getByLabel('Choose a CSV file').setInputFiles({
    name: 'deals.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'Title,Company,Contact name,Contact email,Contact phone\r\n' +
        `${DEAL},Acme GmbH,Anna Schmidt,anna@acme.example,+49 30 1234567\r\n`,
    ),
  });
  await a.page.getByRole('button', { name: 'Import 1 deal' }).click();
  await expect(a.page.getByRole('heading', { name: /^Imported 1 deal/ })).toBeVisible();
  await a.page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Deals' })
    .click();
  await a.page.getByRole('link', { name: DEAL }).first().click();
  await expect(a.page.getByRole('heading', { name: DEAL })).toBeVisible();
  await standInForDialer(a.page);
  await a.page.keyboard.press('c');
  const panel = a.page.getByRole('dialog', { name: 'Call with Anna Schmidt' });
  await expect(panel.getByRole('timer')).toBeVisible();
  const started = Date.now();

  // Mia's dashboard shows Ray on the call, with a running timer, through the server.
  await expect(onCall.getByRole('timer')).toBeVisible({ timeout: 5_000 });
  expect(Date.now() - started).toBeLessThan(3_000);
  await expect(onCall).toContainText('Ray');
  await expect(onCall).toContainText(DEAL);
  await expect(row.getByRole('img', { name: 'On a call', exact: true })).toBeVisible();
  await expect(cells.nth(0)).toHaveText('1');
  const first = await onCall.getByRole('timer').innerText();
  expect(first).toMatch(/^\d\d:\d\d$/);
  await expect(onCall.getByRole('timer')).not.toHaveText(first);
  await expect(charts.getByRole('img', { name: /^1 calls and 0 connects/ })).toBeVisible();

  // Ray ends it as Connected (Ctrl+Enter, then 1), names the next step and skips the follow-up.
  await a.page.keyboard.press('Control+Enter');
  await expect(panel.getByRole('button', { name: /Connected/ })).toBeFocused();
  await a.page.keyboard.press('1');
  await expect(panel.getByLabel('Next step')).toBeFocused();
  await a.page.keyboard.type('Send the proposal');
  await a.page.keyboard.press('Enter');
  await expect(panel).toContainText('Saved as Connected');
  await a.page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  const ended = Date.now();

  // Mia's numbers change: one call, one connect, nobody on a call.
  await expect(onCall).toContainText('Nobody is on a call right now.', { timeout: 5_000 });
  expect(Date.now() - ended).toBeLessThan(3_000);
  await expect(cells.nth(0)).toHaveText('1');
  await expect(cells.nth(1)).toHaveText('1');
  await expect(cells.nth(2)).toHaveText('100%');
  // Ray's app is open on his laptop: his heartbeat, through the server, says he is online.
  await expect(row.getByRole('img', { name: 'Online', exact: true })).toBeVisible();
  await expect(b.page.getByRole('list', { name: 'Latest calls' })).toContainText('Connected');
  await expect(charts.getByRole('img', { name: /^1 calls and 1 connects/ })).toBeVisible();
  expect(await b.page.evaluate(() => 'stillTheSamePage' in window)).toBe(true);
  // Both people's changes reached the team: the server refused none of them.
  for (const page of [a.page, b.page]) {
    const status = page.getByRole('link', { name: /^Sync status:/ });
    await expect(status).toHaveAccessibleName(/^Sync status: Synced/);
    await expect(status).not.toHaveAccessibleName(/refused/);
  }
});
