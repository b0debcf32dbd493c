import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCockpit } from '../helpers/cli';
import { expect, startHost, test as base } from './fixtures';
import type { Page } from '@playwright/test';

/** A host on a seeded database: the board has cards in every column. */
const test = base.extend<{ seeded: { url: string; dbPath: string } }>({
  // eslint-disable-next-line no-empty-pattern
  seeded: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'cockpit-board-'));
    const dbPath = join(dir, 'cockpit.db');
    const seeded = await runCockpit(['seed', '--db', dbPath, '--deals', '600', '--seed', '3']);
    if (seeded.code !== 0) throw new Error(seeded.stderr);
    const host = await startHost(dbPath);
    await use({ url: host.url, dbPath });
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  },
});

test.beforeEach(async ({ page }) => {
  page.on('pageerror', (error) => {
    throw error;
  });
});

const column = (page: Page, stage: string) => page.getByRole('list', { name: `${stage} deals` });
const card = (page: Page, stage: string, title: string) =>
  column(page, stage).getByRole('button', { name: new RegExp(`^${escape(title)}`) });
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A card's deal title (its accessible name also lists the account, value and owner). */
const titleOf = async (cardLocator: ReturnType<Page['locator']>) =>
  (await cardLocator.locator('span').first().textContent())!;
const countOf = async (page: Page, stage: string) =>
  Number(
    (await page
      .getByRole('region', { name: stage, exact: true })
      .getByLabel(/ deals$/)
      .first()
      .textContent())!.replace(/\D/g, ''),
  );

function stageOf(dbPath: string, title: string): string {
  const db = new Database(dbPath, { readonly: true });
  const row = db
    .prepare(
      `SELECT s.name FROM deals d JOIN stages s ON s.id = d.stage_id WHERE d.title = ? AND d.deleted_at IS NULL`,
    )
    .get(title) as { name: string };
  db.close();
  return row.name;
}

test('drag a card to another stage with the mouse; it stays after a reload', async ({
  page,
  seeded,
}) => {
  await page.goto(`${seeded.url}#/board`);
  const first = column(page, 'Contacted').getByRole('button').first();
  await expect(first).toBeVisible();
  const title = await titleOf(first);
  const qualifiedBefore = await countOf(page, 'Qualified');

  const from = await first.boundingBox();
  const to = await column(page, 'Qualified').boundingBox();
  await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
  await page.mouse.down();
  await page.mouse.move(from!.x + from!.width / 2 + 20, from!.y + 30, { steps: 5 });
  await page.mouse.move(to!.x + to!.width / 2, to!.y + 40, { steps: 15 });
  await page.mouse.up();

  await expect(card(page, 'Qualified', title)).toBeVisible();
  await expect(card(page, 'Contacted', title)).toHaveCount(0);
  await expect.poll(() => countOf(page, 'Qualified')).toBe(qualifiedBefore + 1);
  await expect.poll(() => stageOf(seeded.dbPath, title)).toBe('Qualified');

  await page.reload();
  await expect(card(page, 'Qualified', title)).toBeVisible();
  // Dropped near the top of the column, it sits there.
  await expect(column(page, 'Qualified').getByRole('button').first()).toHaveAttribute(
    'aria-label',
    new RegExp(`^${escape(title)}`),
  );
});

test('move a card with the keyboard: to the next stage and down within it', async ({
  page,
  seeded,
}) => {
  await page.goto(`${seeded.url}#/board`);
  const first = column(page, 'Qualified').getByRole('button').first();
  await expect(first).toBeVisible();
  const title = await titleOf(first);
  await first.focus();
  await page.keyboard.press('Shift+ArrowRight');
  await expect(card(page, 'Demo', title)).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Moved' })).toContainText(
    `Moved “${title}” to Demo, 1 of`,
  );
  await page.keyboard.press('Shift+ArrowDown');
  await expect(
    column(page, 'Demo').getByRole('listitem').nth(1).getByRole('button'),
  ).toHaveAttribute('aria-label', new RegExp(`^${escape(title)}`));
  await expect.poll(() => stageOf(seeded.dbPath, title)).toBe('Demo');

  await page.reload();
  await expect(
    column(page, 'Demo').getByRole('listitem').nth(1).getByRole('button'),
  ).toHaveAttribute('aria-label', new RegExp(`^${escape(title)}`));
});

test('moving a deal to Won asks why, and keeps the reason', async ({ page, seeded }) => {
  await page.goto(`${seeded.url}#/board`);
  const first = column(page, 'Negotiation').getByRole('button').first();
  await expect(first).toBeVisible();
  const title = await titleOf(first);
  await first.focus();
  await page.keyboard.press('Shift+ArrowRight');

  const dialog = page.getByRole('dialog', { name: `Why did we win “${title}”?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Mark as won' }).click();
  await expect(dialog.getByText('Say why it was won: the team learns from it.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Best fit for their workflow' }).click();
  await dialog.getByRole('button', { name: 'Mark as won' }).click();
  await expect(card(page, 'Won', title)).toBeVisible();

  await card(page, 'Won', title).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Won — Best fit for their workflow')).toBeVisible();
  const db = new Database(seeded.dbPath, { readonly: true });
  expect(
    db.prepare(`SELECT status, close_reason AS reason FROM deals WHERE title = ?`).get(title),
  ).toEqual({
    status: 'won',
    reason: 'Best fit for their workflow',
  });
  db.close();
});

test('find a deal by a word from one of its notes', async ({ page, seeded }) => {
  await page.goto(`${seeded.url}#/board`);
  await expect(column(page, 'Demo').getByRole('button').first()).toBeVisible();
  const title = await titleOf(column(page, 'Demo').getByRole('button').first());
  await column(page, 'Demo').getByRole('button').first().click();
  await page.getByLabel('Note').fill('They run the pilot from the Tromsø warehouse in January.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(
    page.getByText('They run the pilot from the Tromsø warehouse in January.'),
  ).toBeVisible();

  await page.keyboard.press('Control+k');
  const search = page.getByRole('combobox', { name: 'Search deals, contacts, accounts and notes' });
  await search.fill('troms');
  const result = page.getByRole('option', { name: new RegExp(escape(title)) });
  await expect(result).toContainText('Tromsø');
  await search.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
});

test('a long column scrolls to its last deal, a page at a time', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-long-'));
  const dbPath = join(dir, 'cockpit.db');
  const seeded = await runCockpit(['seed', '--db', dbPath, '--deals', '4000', '--seed', '5']);
  expect(seeded.code, seeded.stderr).toBe(0);
  const db = new Database(dbPath, { readonly: true });
  // The longest open column, and its last deal in board order.
  const { stageName, stageId, total } = db
    .prepare(
      `SELECT s.name AS stageName, s.id AS stageId, count(*) AS total
         FROM deals d JOIN stages s ON s.id = d.stage_id
        WHERE d.deleted_at IS NULL GROUP BY s.id ORDER BY total DESC LIMIT 1`,
    )
    .get() as { stageName: string; stageId: string; total: number };
  const { title: lastTitle } = db
    .prepare(
      `SELECT title FROM deals WHERE stage_id = ? AND deleted_at IS NULL
        ORDER BY position DESC, id DESC LIMIT 1`,
    )
    .get(stageId) as { title: string };
  db.close();
  // More deals than the board lays out at first (200 slots) or loads at first (30 cards).
  expect(total).toBeGreaterThan(300);
  const host = await startHost(dbPath);
  try {
    await page.goto(`${host.url}#/board`);
    const list = column(page, stageName);
    await expect(list.getByRole('button').first()).toBeVisible();
    const last = card(page, stageName, lastTitle);
    await expect
      .poll(
        async () => {
          await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
          return last.isVisible();
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    // The last slot is the column's last deal: nothing was skipped or laid out twice.
    await expect(list.getByRole('listitem').last().getByRole('button')).toHaveAttribute(
      'aria-label',
      new RegExp(`^${escape(lastTitle)}`),
    );
  } finally {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
