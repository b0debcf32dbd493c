import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

let hostUrl = '';

test.beforeEach(async ({ page, host }) => {
  hostUrl = host.url;
  page.on('pageerror', (error) => {
    throw error;
  });
});

/**
 * Call the contract the way the app does, over the host's WebSocket with its per-run token, from
 * the page. Returns the method's value or throws its error.
 */
async function api<T = unknown>(page: Page, method: string, input: unknown = {}): Promise<T> {
  const token = new URL(hostUrl).searchParams.get('token')!;
  return page.evaluate(
    async ({ method, input, token }) => {
      const socket = new WebSocket(`ws://${location.host}/api?token=${encodeURIComponent(token)}`);
      await new Promise((resolve, reject) => {
        socket.onopen = resolve;
        socket.onerror = reject;
      });
      const result = await new Promise<{ ok: boolean; value?: unknown; error?: unknown }>(
        (resolve) => {
          socket.onmessage = (event) => {
            const message = JSON.parse(String(event.data)) as {
              type: string;
              id?: number;
              result?: { ok: boolean; value?: unknown; error?: unknown };
            };
            if (message.type === 'result' && message.id === 1) resolve(message.result!);
          };
          socket.send(JSON.stringify({ type: 'call', id: 1, method, input }));
        },
      );
      socket.close();
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return result.value;
    },
    { method, input, token },
  ) as Promise<T>;
}

test('the manager sees conversion between stages and deals won by reason, live', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await page.getByLabel('Team name').fill('Northwind Sales');
  await page.getByLabel('Your name').fill('Mia Manager');
  await page.getByLabel('Work email').fill('mia@northwind.example');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('heading', { name: 'Pipeline' })).toBeVisible();

  // Four new leads; three are contacted; of those, two are won for their fit and one is lost on
  // price. New lead → Contacted: 3 of 4 (75%); Contacted → a later stage: 2 of 3 (67%).
  const { stages } = await api<{ stages: { id: string; name: string }[] }>(page, 'stages.list');
  const stage = (name: string) => stages.find((s) => s.name === name)!.id;
  const ids: string[] = [];
  for (const title of ['Acme', 'Globex', 'Initech', 'Umbrella']) {
    const deal = await api<{ id: string }>(page, 'deals.create', {
      title: `${title} — Platform licence`,
      valueMinor: 1_200_000,
    });
    ids.push(deal.id);
  }
  const [acme, globex, initech, umbrella] = ids as [string, string, string, string];
  for (const id of [acme, globex, initech]) {
    await api(page, 'deals.move', { id, stageId: stage('Contacted') });
  }
  await api(page, 'deals.move', { id: acme, stageId: stage('Won'), reason: 'Best fit' });
  await api(page, 'deals.move', { id: globex, stageId: stage('Won'), reason: 'Best fit' });
  await api(page, 'deals.move', { id: initech, stageId: stage('Lost'), reason: 'Price' });

  // Shift+M opens the lifecycle metrics; the tab says where we are.
  await page.keyboard.press('Shift+M');
  await expect(page.getByRole('heading', { name: 'Lifecycle', level: 1 })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Dashboards' }).getByRole('link', { name: 'Lifecycle' }),
  ).toHaveAttribute('aria-current', 'page');

  // Stage by stage: Contacted converted 2 of 3.
  const table = page.getByRole('table', { name: 'Conversion and time per stage' });
  const contacted = table.getByRole('row').filter({ hasText: 'Contacted' });
  await expect(contacted.getByRole('cell').nth(0)).toHaveText('3');
  await expect(contacted.getByRole('cell').nth(1)).toHaveText('2');
  await expect(contacted).toContainText('67%');
  // The funnel: 75% of the new leads were contacted.
  await expect(page.getByLabel('75% from New lead to Contacted')).toBeVisible();

  // Won by reason: both for their fit, €24,000; the win rate is 2 of 3.
  const won = page.getByRole('list', { name: 'Won by reason' });
  await expect(won.getByRole('listitem')).toHaveCount(1);
  await expect(won.getByRole('listitem').first()).toContainText('Best fit');
  await expect(won.getByRole('listitem').first().locator('strong')).toHaveText('2');
  await expect(won.getByRole('listitem').first()).toContainText('€24K');
  await expect(page.getByRole('group', { name: 'Win rate' })).toContainText('67%');
  await expect(page.getByRole('list', { name: 'Lost by reason' })).toContainText('Price');

  // A deal lost meanwhile shows up without a reload.
  await api(page, 'deals.move', { id: umbrella, stageId: stage('Lost'), reason: 'Timing' });
  await expect(page.getByRole('list', { name: 'Lost by reason' })).toContainText('Timing');
  await expect(page.getByRole('group', { name: 'Win rate' })).toContainText('50%');

  // A range without any deal says so instead of showing zeros.
  await page.getByRole('radio', { name: 'Custom' }).click();
  await page.getByLabel('From', { exact: true }).fill('2020-01-01');
  await page.getByLabel('To', { exact: true }).fill('2020-01-31');
  await expect(page.getByText('No new deals in this range')).toBeVisible();
  await expect(page.getByText('No deals were won in this range.')).toBeVisible();
});
