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

/**
 * A team on `cockpit server`: its admin set the team up (a seeded database pushed with the
 * CLI), and two laptops join from their first screen: Mia, a manager, and Ray, a rep. The server
 * gives each their role, and checks every change against it.
 */
const test = base.extend<{ team: { mia: Laptop; ray: Laptop } }>({
  team: async ({ browser }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'cockpit-settings-e2e-'));
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
    const tokens = {
      dana: await token('Dana', 'admin'),
      mia: await token('Mia', 'manager'),
      ray: await token('Ray', 'rep'),
    };
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
    // The admin's database: the team (Northwind Sales, Europe/Berlin) and its people.
    const admin = join(dir, 'admin.db');
    for (const args of [
      ['seed', '--db', admin, '--deals', '0', '--reps', '1', '--calls', '0'],
      ['sync', '--db', admin, '--server', server, '--token', tokens.dana],
    ]) {
      const run = await runCockpit(args);
      if (run.code !== 0) throw new Error(`cockpit ${args[0]}: ${run.stderr}${run.stdout}`);
    }
    const hostA = await startHost(join(dir, 'mia.db'));
    const hostB = await startHost(join(dir, 'ray.db'));
    const mia = await open(browser, hostA.url);
    const ray = await open(browser, hostB.url);
    await join_(mia.page, server, tokens.mia, 'Manager');
    await join_(ray.page, server, tokens.ray, 'Sales rep');
    await use({ mia, ray });
    await mia.page.context().close();
    await ray.page.context().close();
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

/** A new laptop joins the team's server from the first screen; the server says who it is. */
async function join_(page: Page, server: string, token: string, role: string) {
  await page.getByRole('button', { name: /join its workspace/ }).click();
  await page.getByText('A sync server', { exact: true }).click();
  await page.getByLabel('Server address').fill(server);
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Welcome to Northwind Sales' })).toBeVisible();
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('heading', { name: 'Pipeline' })).toBeVisible();
  await expect(page.getByText(role, { exact: true })).toBeVisible();
}

const hhmm = (ms: number) =>
  new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false }).format(
    ms,
  );

test('a manager changes the no-answer retry and the phone scheme; a rep’s next call follows both', async ({
  team: { mia, ray },
}) => {
  // Ray sees the team's rules, and who may change them, but cannot change them himself.
  await ray.page.getByRole('link', { name: 'Team settings' }).click();
  await expect(ray.page.getByRole('heading', { level: 1, name: 'Team settings' })).toBeVisible();
  await expect(ray.page.getByRole('note')).toContainText(
    'Only managers and admins can change team settings',
  );
  const rayRetry = ray.page.getByLabel('No answer: minutes until the retry');
  await expect(rayRetry).toHaveValue('120');
  await expect(rayRetry).toBeDisabled();
  await expect(ray.page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);

  // Mia: a team that calls every day, around the clock, with a retry after 30 minutes. (A day
  // that ends at 23:59 leaves one minute a day in which the retry would fall outside the hours.)
  await mia.page.getByRole('link', { name: 'Team settings' }).click();
  const working = mia.page.getByRole('group', { name: 'Working days' });
  for (const day of ['Saturday', 'Sunday']) {
    await working.getByRole('button', { name: day }).click();
    await expect(working.getByRole('button', { name: day })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  }
  await mia.page.getByLabel('Working day starts at').fill('00:00');
  await mia.page.getByLabel('Working day ends at').fill('23:59');
  // A retry of 0 minutes is named on its field, and nothing can be saved until it is fixed.
  const retry = mia.page.getByLabel('No answer: minutes until the retry');
  await retry.fill('0');
  await expect(retry).toHaveAttribute('aria-invalid', 'true');
  await expect(retry).toHaveAccessibleDescription('At least 1 minute');
  await retry.fill('30');
  await expect(retry).not.toHaveAttribute('aria-invalid');
  const examples = mia.page.getByRole('list', { name: 'Examples' });
  await expect(examples).toContainText('No answer: try again in 30 minutes');
  await expect(mia.page.getByText('Unsaved changes')).toBeVisible();
  await mia.page.keyboard.press('Control+s');
  await expect(
    mia.page.getByRole('status').filter({ hasText: 'Team settings saved' }),
  ).toBeVisible();
  await expect(mia.page.getByText('All changes saved')).toBeVisible();

  // The rules reach Ray's open page through the server, without a reload.
  await expect(rayRetry).toHaveValue('30', { timeout: 10_000 });
  await expect(ray.page.getByText(/Last changed by Mia/)).toBeVisible();

  // Ray's own deal, with its contact's phone.
  await ray.page.getByRole('link', { name: 'Import' }).click();
  await ray.page.getByLabel('Choose a CSV file').setInputFiles({
    name: 'deals.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'Title,Company,Contact name,Contact email,Contact phone\r\n' +
        'Acme GmbH — Annual licence,Acme GmbH,Anna Schmidt,anna@acme.example,+49 30 1234567\r\n',
    ),
  });
  await ray.page.getByRole('button', { name: 'Import 1 deal' }).click();
  await expect(ray.page.getByRole('heading', { name: /^Imported 1 deal/ })).toBeVisible();
  await ray.page.goto(`${ray.origin}/#/deals`);
  await ray.page.getByRole('link', { name: 'Acme GmbH — Annual licence' }).first().click();
  const call = ray.page.getByRole('link', { name: 'Call +49 30 1234567' });
  await expect(call).toHaveAttribute('href', 'tel:+49301234567');

  // No dialer in headless Chromium: the anchor's click is stopped before it leaves the page.
  await ray.page.evaluate(() => {
    document.addEventListener('click', (event) => {
      if ((event.target as Element).closest('a[href*=":+"]')) event.preventDefault();
    });
  });
  await call.click();
  const panel = ray.page.getByRole('dialog', { name: 'Call with Anna Schmidt' });
  await expect(panel).toBeVisible();
  await ray.page.keyboard.press('Control+Enter');
  const before = Date.now();
  await ray.page.keyboard.press('2'); // No answer
  const proposal = panel.getByRole('region', { name: 'Proposed follow-up' });
  await expect(proposal).toContainText('No answer: try again in 30 minutes');
  const after = Date.now();
  const when = await proposal.locator('p').first().innerText();
  expect([hhmm(before + 30 * 60_000), hhmm(after + 30 * 60_000)]).toContain(
    /\d\d:\d\d$/.exec(when)?.[0],
  );
  await panel.getByRole('button', { name: /No follow-up/ }).click();
  await expect(panel).toBeHidden();

  // Mia switches the team to a softphone: Ray's Call button dials sip: (the link is checked,
  // never followed).
  await mia.page.getByRole('radio', { name: /Softphone \(SIP\)/ }).check();
  await expect(mia.page.getByText('opens sip:+49301234567')).toBeVisible();
  await mia.page.getByRole('button', { name: 'Save changes' }).click();
  await expect(mia.page.getByText('All changes saved')).toBeVisible();
  await expect(call).toHaveAttribute('href', 'sip:+49301234567', { timeout: 10_000 });
  await expect(ray.page.getByRole('link', { name: '+49 30 1234567', exact: true })).toHaveAttribute(
    'href',
    'sip:+49301234567',
  );
});
