import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { COCKPIT, ROOT } from '../helpers/cli';
import { median, print } from './stats';

/**
 * `cockpit seed --deals 100000`, the whole command as a user runs it (process start included).
 * Leaves the last database behind for the other benchmarks.
 */
export function seedBench(dir: string, runs = 3): string {
  const dbPath = join(dir, 'seed-100k.db');
  const seconds: number[] = [];
  for (let run = 0; run < runs; run++) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
    const started = performance.now();
    const result = spawnSync(
      process.execPath,
      [COCKPIT, 'seed', '--db', dbPath, '--deals', '100000'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    if (result.status !== 0) throw new Error(`cockpit seed failed:\n${result.stderr}`);
    seconds.push((performance.now() - started) / 1000);
  }
  print({
    name: 'seed 100,000 deals (cockpit seed, wall clock)',
    value: median(seconds),
    unit: 's',
    target: 10,
    runs,
  });
  print({
    name: 'seed throughput',
    value: 100_000 / median(seconds),
    unit: 'deals/s',
    runs,
    note: 'with their accounts, contacts, stage histories, calls and notes, every row with its ops',
  });
  return dbPath;
}
