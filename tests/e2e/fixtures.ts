import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COCKPIT, ROOT } from '../helpers/cli';

export interface Host {
  url: string;
  dbPath: string;
}

/** Start the real `cockpit web` on a free port with a fresh database; stop it afterwards. */
export async function startHost(
  dbPath: string,
  extra: string[] = [],
): Promise<{ url: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [COCKPIT, 'web', '--db', dbPath, '--port', '0', ...extra],
    {
      cwd: ROOT,
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`cockpit web did not start:\n${output}`)),
      30_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open:\s+(\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`cockpit web exited with ${code}:\n${output}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export const test = base.extend<{ host: Host }>({
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-'));
    const dbPath = join(dir, 'cockpit.db');
    const host = await startHost(dbPath);
    await use({ url: host.url, dbPath });
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
