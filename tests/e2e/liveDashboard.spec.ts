import type { Page } from '@playwright/test';
import { expect, test as base } from './fixtures';
import { joinTeam, startTeamServer, type TeamServer } from './teamServer';

const DEAL = 'Acme GmbH — Annual licence';

/** The team's sync server with Ada (admin), and two laptops on their first screen. */
const test = base.extend<{ team: TeamServer<'mia' | 'ray'> }>({
  team: async ({ browser }, use) => {
    const team = await startTeamServer(browser, { mia: 'manager', ray: 'rep' });
    await use(team);
    await team.stop();
  },
});

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
