import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

afterEach(() => {
  while (made.length > 0) rmSync(made.pop()!, { recursive: true, force: true });
});

/** A fresh real directory under the OS temp dir, removed after the test. */
export function tempDir(prefix = 'cockpit-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A path for a new SQLite file in a fresh temp dir. */
export function tempDbPath(name = 'cockpit.db'): string {
  return join(tempDir(), name);
}
