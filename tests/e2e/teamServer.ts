import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { COCKPIT, ROOT, runCockpit } from '../helpers/cli';
import { expect, startHost } from './fixtures';

export interface Laptop {
  page: Page;
  origin: string;
}

export interface TeamServer<Name extends string> {
  server: string;
  /** Two laptops on their first screen, each on its own database. */
  a: Laptop;
  b: Laptop;
  /** Each teammate's access token, by lower-case name. */
  tokens: Record<Name, string>;
  stop(): Promise<void>;
}

/**
 * `cockpit server` on a temp data folder with Ada (an admin) and the given teammates. Ada sets the
 * team up on her laptop and connects it (only an admin's team settings are accepted by the
 * server); then two laptops (`cockpit web`, each on its own database) wait on their first screen.
 */
export async function startTeamServer<Name extends string>(
  browser: Browser,
  teammates: Record<Name, 'rep' | 'manager' | 'success' | 'admin'>,
): Promise<TeamServer<Name>> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-team-server-'));
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
  const tokens = {} as Record<Name, string>;
  for (const [name, role] of Object.entries(teammates) as [Name, string][]) {
    tokens[name] = await token(name.charAt(0).toUpperCase() + name.slice(1), role);
  }
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
  return {
    server,
    a,
    b,
    tokens,
    async stop() {
      await a.page.context().close();
      await b.page.context().close();
      await Promise.all([hostA.stop(), hostB.stop()]);
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function open(browser: Browser, url: string): Promise<Laptop> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
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
export async function joinTeam(page: Page, server: string, token: string, name: string) {
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
