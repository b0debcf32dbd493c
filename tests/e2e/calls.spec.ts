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

test('a rep calls a deal’s contact from the keyboard, plans the proposed follow-up, snoozes it and marks it done', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await setUpTeam(page);

  // A deal with its contact (and their phone), as an import brings them.
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

  const origin = new URL(host.url).origin;
  await page.goto(`${origin}/#/deals`);
  await page.getByRole('link', { name: 'Acme GmbH — Annual licence' }).first().click();
  await expect(page.getByRole('heading', { name: 'Acme GmbH — Annual licence' })).toBeVisible();
  const callButton = page.getByRole('link', { name: 'Call +49 30 1234567' });
  await expect(callButton).toHaveAttribute('href', 'tel:+49301234567');
  const calls = page.getByRole('region', { name: 'Calls' });
  await expect(calls).toContainText('No calls yet');

  // Headless Chromium has no dialer: its "open external app" prompt would eat keystrokes. Stand in
  // for the dialer and record what the anchor click asked it to dial.
  await page.evaluate(() => {
    document.addEventListener('click', (event) => {
      const link = (event.target as Element).closest('a[href^="tel:"]');
      if (!link) return;
      event.preventDefault();
      document.documentElement.dataset.dialled = link.getAttribute('href')!;
    });
  });
  // C starts the call: the panel docks with a running timer and the notes take the keys.
  await page.keyboard.press('c');
  const panel = page.getByRole('dialog', { name: 'Call with Anna Schmidt' });
  await expect(panel).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-dialled', 'tel:+49301234567');
  await expect(panel.getByRole('timer')).toHaveText(/^00:0\d$/);
  await expect(panel.getByLabel('Notes')).toBeFocused();
  await page.keyboard.type('Rang twice, no answer.');
  await expect(panel.getByRole('timer')).not.toHaveText('00:00');

  // Ctrl+Enter ends it; 2 is "No answer".
  await page.keyboard.press('Control+Enter');
  await expect(panel.getByRole('button', { name: /Connected/ })).toBeFocused();
  await page.keyboard.press('2');
  await expect(panel).toContainText('Saved as No answer');
  await expect(panel.getByRole('region', { name: 'Proposed follow-up' })).toContainText(
    /No answer/,
  );
  const when = await panel
    .getByRole('region', { name: 'Proposed follow-up' })
    .locator('p')
    .first()
    .innerText();
  expect(when).toMatch(/^(Today|Tomorrow|\w+) \d\d:\d\d$|\d\d:\d\d$/);
  await expect(panel.getByRole('button', { name: /Plan it/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Follow-up planned' })).toBeVisible();

  // The call is in the deal's history, with its outcome and notes.
  const history = calls.getByRole('list', { name: 'Call history' });
  await expect(history.getByRole('listitem')).toHaveCount(1);
  await expect(history).toContainText('No answer');
  await expect(history).toContainText('Rang twice, no answer.');

  // Reminders: under Today or Upcoming.
  await page.keyboard.press('Shift+R');
  await expect(page.getByRole('heading', { name: 'Reminders', level: 1 })).toBeVisible();
  const row = page
    .getByRole('list')
    .filter({ has: page.getByRole('link', { name: 'Acme GmbH — Annual licence' }) })
    .getByRole('listitem');
  await expect(row).toHaveCount(1);
  const section = await row.evaluate(
    (li) => li.closest('section')?.querySelector('h2')?.firstChild?.textContent,
  );
  expect(['Today', 'Upcoming']).toContain(section);
  await expect(row).toContainText(/No answer/);

  // Snooze to next week: it moves under Upcoming.
  await row.getByRole('button', { name: /^Snooze/ }).click();
  await page.getByRole('menuitem', { name: /Next week/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Snoozed until' })).toBeVisible();
  const upcoming = page.getByRole('region', { name: /Upcoming/ });
  await expect(upcoming.getByRole('link', { name: 'Acme GmbH — Annual licence' })).toBeVisible();

  // Done: nothing left.
  await upcoming.getByRole('button', { name: 'Done: Acme GmbH — Annual licence' }).click();
  await expect(page.getByText('Nothing to follow up — nice.')).toBeVisible();

  // The team view says the same.
  await page.getByRole('radio', { name: 'Team' }).click();
  await expect(page).toHaveURL(/scope=team/);
  await expect(page.getByText('Nothing to follow up — nice.')).toBeVisible();
});
