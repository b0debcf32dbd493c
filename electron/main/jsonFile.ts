/**
 * The desktop app's small files in the user-data folder (window state, desktop settings): read
 * leniently (a missing, unreadable or hand-broken file is as good as absent, never a crash at
 * start) and written atomically, so a crash mid-write leaves the previous version.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../../src/core/secrets';

export function readJsonFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function writeJsonFile(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, 0o644);
}
