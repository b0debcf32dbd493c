import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { runCockpit } from '../helpers/cli';
import { expect, startHost, test } from './fixtures';

// Screenshots for review, light and dark: COCKPIT_SHOTS=/tmp/shots.
const SHOTS = process.env.COCKPIT_SHOTS;

async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((value) => {
      document.documentElement.dataset.theme = value;
    }, theme);
    await page.screenshot({ path: join(SHOTS, `handover-template-${name}-${theme}.png`) });
  }
  await page.evaluate(() => {
    document.documentElement.dataset.theme = 'light';
  });
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const sectionsOf = (page: Page) => page.getByRole('list', { name: 'Sections' });
/** A section of the template editor, by its place and title as the list announces it. */
const item = (page: Page, name: string) =>
  sectionsOf(page).getByRole('listitem', { name, exact: true });

async function winDeal(page: Page, title: string) {
  await nav(page).getByRole('link', { name: 'Deals' }).click();
  await page.getByRole('link', { name: title }).first().click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await page.getByRole('button', { name: 'Won', exact: true }).click();
  await page.getByRole('textbox', { name: 'Reason' }).fill('Best fit');
  await page.getByRole('button', { name: 'Mark as won' }).click();
  const card = page.getByRole('region', { name: 'Handover' });
  await expect(card).toContainText('Draft');
  await card.getByRole('link', { name: 'Open the handover' }).click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
}

test('an admin renames a section, adds a required one and saves; a deal won afterwards starts with them, one won before keeps its own', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  page.on('pageerror', (error) => {
    throw error;
  });
  // Ada starts the team on this laptop: she is its admin.
  await page.goto(host.url);
  await page.getByLabel('Team name').fill('Northwind Sales');
  await page.getByLabel('Your name').fill('Ada');
  await page.getByLabel('Work email').fill('ada@northwind.example');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('heading', { name: 'Pipeline' })).toBeVisible();

  await nav(page).getByRole('link', { name: 'Import' }).click();
  await page.getByLabel('Choose a CSV file').setInputFiles({
    name: 'deals.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'Title,Company,Contact name,Contact email,Value\r\n' +
        'Acme GmbH — Annual licence,Acme GmbH,Anna Schmidt,anna@acme.example,24000\r\n' +
        'Globex — Pilot,Globex,Hank Scorpio,hank@globex.example,9000\r\n',
    ),
  });
  await page.getByRole('button', { name: 'Import 2 deals' }).click();
  await expect(page.getByRole('heading', { name: /^Imported 2 deals/ })).toBeVisible();
  // One deal is won before the template changes.
  await winDeal(page, 'Acme GmbH — Annual licence');
  const before = page.url();

  // The template as it ships, from the settings in the sidebar.
  await page.getByRole('link', { name: 'Handover template' }).click();
  await expect(page.getByRole('heading', { name: 'Handover template', level: 1 })).toBeVisible();
  await expect(page.getByText('Version 1', { exact: true })).toBeVisible();
  await expect(page.getByText('the built-in template', { exact: true })).toBeVisible();
  await expect(sectionsOf(page).getByRole('listitem')).toHaveCount(8);
  const goals = item(page, 'Section 1: Customer goals and success criteria');
  await expect(goals).toContainText('Pre-filled from goals the customer named');
  await expect(goals.getByRole('switch', { name: 'Required' })).toBeChecked();
  await expect(page.getByRole('button', { name: 'Reset to the built-in template' })).toBeDisabled();

  // She renames the first section.
  await goals.getByLabel('Title').fill('Goals and how they measure success');
  await expect(page.getByText('Unsaved changes')).toBeVisible();

  // An empty title is refused by the core and named on its field, which takes the cursor.
  await item(page, 'Section 2: Stakeholders and champion').getByLabel('Title').fill('  ');
  await page.keyboard.press('Control+s');
  const untitled = item(page, 'Section 2: untitled').getByLabel('Title');
  await expect(untitled).toHaveAttribute('aria-invalid', 'true');
  await expect(untitled).toHaveAccessibleDescription('Give the section a title');
  await expect(untitled).toBeFocused();
  await shoot(page, 'error');
  await expect(page.getByText('Version 1', { exact: true })).toBeVisible();
  await untitled.fill('Stakeholders and champion');
  await expect(
    item(page, 'Section 2: Stakeholders and champion').getByLabel('Title'),
  ).not.toHaveAttribute('aria-invalid');

  // She adds a section at the end, makes it required and moves it up twice from the keyboard.
  await page.getByLabel('New section title').fill('Security review');
  await page.getByLabel('Its guidance').fill('Who signed off on security, and what is still open');
  await page.getByLabel('Its guidance').press('Enter');
  const security = item(page, 'Section 9: Security review');
  await expect(security).toContainText('New: starts empty');
  await expect(security.getByLabel('Guidance for the author')).toHaveValue(
    'Who signed off on security, and what is still open',
  );
  await security.getByRole('switch', { name: 'Required' }).check();
  await security.getByRole('button', { name: 'Move “Security review” up' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  const moved = item(page, 'Section 7: Security review');
  await expect(moved.getByRole('button', { name: 'Move “Security review” up' })).toBeFocused();
  await expect(item(page, 'Section 9: Call highlights')).toBeVisible();
  await expect(page.getByText('9 sections, 5 required')).toBeVisible();

  // Removing asks first, and says what happens to handovers already made; Discard undoes it.
  await item(page, 'Section 8: Implementation timeline')
    .getByRole('button', { name: 'Remove “Implementation timeline”' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Remove “Implementation timeline”?' });
  await expect(dialog).toContainText('Handovers already made keep it');
  await shoot(page, 'remove');
  await dialog.getByRole('button', { name: 'Remove section' }).click();
  await expect(sectionsOf(page).getByRole('listitem')).toHaveCount(8);
  await expect(item(page, 'Section 8: Call highlights')).toBeVisible();
  await page.getByRole('button', { name: 'Discard' }).click();
  await expect(sectionsOf(page).getByRole('listitem')).toHaveCount(8);
  await expect(item(page, 'Section 1: Customer goals and success criteria')).toBeVisible();
  await expect(page.getByText('All changes saved')).toBeVisible();

  // Once more, and saved with Ctrl+S this time.
  await item(page, 'Section 1: Customer goals and success criteria')
    .getByLabel('Title')
    .fill('Goals and how they measure success');
  await page.getByLabel('New section title').fill('Security review');
  await page.getByLabel('Its guidance').fill('Who signed off on security, and what is still open');
  await page.getByRole('button', { name: 'Add section' }).click();
  await item(page, 'Section 9: Security review').getByRole('switch', { name: 'Required' }).check();
  await shoot(page, 'editing');
  await page.keyboard.press('Control+s');
  await expect(
    page.getByRole('status').filter({
      hasText: 'Saved as version 2: new handovers start with these 9 sections',
    }),
  ).toBeVisible();
  await expect(page.getByText('All changes saved')).toBeVisible();
  await expect(page.getByText('Version 2', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reset to the built-in template' })).toBeEnabled();

  // It is the team's template now: a reload shows it as saved.
  await page.reload();
  await expect(item(page, 'Section 1: Goals and how they measure success')).toBeVisible();
  await expect(
    item(page, 'Section 9: Security review').getByRole('switch', { name: 'Required' }),
  ).toBeChecked();
  await expect(item(page, 'Section 9: Security review')).toContainText('Starts empty');

  // A deal won now gets a draft with the new sections; the new required one is missing.
  await winDeal(page, 'Globex — Pilot');
  const security2 = page.getByRole('region', { name: 'Security review' });
  await expect(security2).toContainText('Who signed off on security');
  await expect(security2.getByText('Missing', { exact: true })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Goals and how they measure success' }),
  ).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Customer goals and success criteria' }),
  ).toHaveCount(0);
  // The deal won before the change keeps the sections it was made with.
  await page.goto(before);
  await expect(
    page.getByRole('region', { name: 'Customer goals and success criteria' }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Security review' })).toHaveCount(0);
});

test('a rep sees the handover template read-only, and who can change it', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-template-rep-'));
  const dbPath = join(dir, 'cockpit.db');
  // A seeded team; the laptop's user is one of its reps.
  const seeded = await runCockpit(['seed', '--db', dbPath, '--deals', '0', '--reps', '1']);
  expect(seeded.code, seeded.stderr).toBe(0);
  const host = await startHost(dbPath);
  try {
    await page.goto(host.url);
    await expect(nav(page)).toBeVisible();
    await page.getByRole('link', { name: 'Handover template' }).click();
    await expect(page.getByRole('heading', { name: 'Handover template', level: 1 })).toBeVisible();
    await expect(page.getByRole('note')).toHaveText(
      /^Only admins can change the handover template — ask [A-Z][\w' -]+\. These are the sections your handovers start with\.$/,
    );
    await expect(sectionsOf(page).getByRole('listitem')).toHaveCount(8);
    const sold = item(page, 'Section 3: What was sold');
    await expect(sold).toContainText('Required');
    await expect(sold).toContainText('Products and quantities, price and discounts');
    await expect(item(page, 'Section 8: Call highlights')).toContainText('Optional');
    await expect(page.getByRole('textbox')).toHaveCount(0);
    await expect(page.getByRole('switch')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Save|Add section|Remove|Move/ })).toHaveCount(0);
    await shoot(page, 'read-only');
  } finally {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
