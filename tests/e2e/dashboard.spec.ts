import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.beforeEach(async ({ page }) => {
  page.on('pageerror', (error) => {
    throw error;
  });
});

const DEAL = 'Acme GmbH — Annual licence';

/** Headless Chromium has no dialer: stand in for it so its prompt does not eat keystrokes. */
async function standInForDialer(page: Page) {
  await page.evaluate(() => {
    document.addEventListener('click', (event) => {
      if ((event.target as Element).closest('a[href^="tel:"]')) event.preventDefault();
    });
  });
}

async function openDeal(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deals' }).click();
  await page.getByRole('link', { name: DEAL }).first().click();
  await expect(page.getByRole('heading', { name: DEAL })).toBeVisible();
  await standInForDialer(page);
}

/** C starts a call on the open deal; Ctrl+Enter ends it, 2 is "No answer", Esc skips the follow-up. */
async function callWithNoAnswer(page: Page) {
  await page.keyboard.press('c');
  const panel = page.getByRole('dialog', { name: 'Call with Anna Schmidt' });
  await expect(panel.getByRole('timer')).toBeVisible();
  return async () => {
    await page.keyboard.press('Control+Enter');
    await expect(panel.getByRole('button', { name: /Connected/ })).toBeFocused();
    await page.keyboard.press('2');
    await expect(panel).toContainText('Saved as No answer');
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
  };
}

test('the manager sees each rep’s numbers and who is on a call, live', async ({
  page,
  context,
  host,
}) => {
  await page.goto(host.url);
  await page.getByLabel('Team name').fill('Northwind Sales');
  await page.getByLabel('Your name').fill('Rita Rep');
  await page.getByLabel('Work email').fill('rita@northwind.example');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('heading', { name: 'Pipeline' })).toBeVisible();

  // A deal with its contact, and one call made on it.
  await page.getByRole('link', { name: 'Import' }).click();
  await page.getByLabel('Choose a CSV file').setInputFiles({
    name: 'deals.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'Title,Company,Contact name,Contact email,Contact phone\r\n' +
        `${DEAL},Acme GmbH,Anna Schmidt,anna@acme.example,+49 30 1234567\r\n`,
    ),
  });
  await page.getByRole('button', { name: 'Import 1 deal' }).click();
  await expect(page.getByRole('heading', { name: /^Imported 1 deal/ })).toBeVisible();
  await openDeal(page);
  await (
    await callWithNoAnswer(page)
  )();

  // Shift+D opens the dashboard: today, with Rita's call.
  await page.keyboard.press('Shift+D');
  await expect(page.getByRole('heading', { name: 'Activity', level: 1 })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Today' })).toHaveAttribute('aria-checked', 'true');
  const row = page.getByRole('row', { name: /Rita Rep/ });
  const cells = row.getByRole('cell');
  await expect(cells.nth(0)).toHaveText('1'); // calls
  await expect(cells.nth(1)).toHaveText('0'); // connects
  await expect(cells.nth(2)).toHaveText('0%'); // connect rate
  // Rita has the app open: her heartbeat says so.
  await expect(row.getByRole('img', { name: 'Online', exact: true })).toBeVisible();
  await expect(page.getByRole('row', { name: /^Team/ }).getByRole('cell').nth(0)).toHaveText('1');
  const onCall = page.getByRole('region', { name: /On a call now/ });
  await expect(onCall).toContainText('Nobody is on a call right now.');
  const feed = page.getByRole('list', { name: 'Latest calls' });
  await expect(feed.getByRole('listitem')).toHaveCount(1);
  await expect(feed).toContainText('No answer');
  await expect(feed.getByRole('link', { name: DEAL })).toBeVisible();
  await expect(page.getByRole('img', { name: /1 calls and 0 connects/ })).toBeVisible();

  // This week keeps the choice in the URL.
  await page.getByRole('radio', { name: 'This week' }).click();
  await expect(page).toHaveURL(/range=week/);
  await expect(cells.nth(0)).toHaveText('1');
  await page.getByRole('radio', { name: 'Today' }).click();
  await expect(page).not.toHaveURL(/range=/);

  // A second tab of the same host starts a call: the dashboard shows it without a reload.
  const second = await context.newPage();
  await second.goto(host.url);
  await expect(second.getByRole('heading', { name: 'Pipeline' })).toBeVisible();
  await openDeal(second);
  const endCall = await callWithNoAnswer(second);
  // Pushed by the change event, not the 30 s refresh.
  await expect(onCall.getByRole('timer')).toBeVisible({ timeout: 2_000 });
  await expect(onCall).toContainText('Rita Rep');
  await expect(onCall).toContainText(DEAL);
  await expect(row.getByRole('img', { name: 'On a call', exact: true })).toBeVisible();
  await expect(feed.getByText('On a call')).toBeVisible();
  // The timer runs.
  const first = await onCall.getByRole('timer').innerText();
  expect(first).toMatch(/^\d\d:\d\d$/);
  await expect(onCall.getByRole('timer')).not.toHaveText(first);

  // Ending it: nobody on a call, two calls.
  await endCall();
  await expect(onCall).toContainText('Nobody is on a call right now.', { timeout: 2_000 });
  await expect(cells.nth(0)).toHaveText('2');
  await expect(row.getByRole('img', { name: 'Online', exact: true })).toBeVisible();
  await expect(feed.getByRole('listitem')).toHaveCount(2);
});
