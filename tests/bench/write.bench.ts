import { createCore } from '../../src/core';
import { median, percentile, print } from './stats';

/**
 * A local write as a user makes it: `deals.create` through the API (validation, defaults, the
 * deal, its first stage-history row and their ops, in one transaction), on the seeded database.
 */
export async function writeBench(dbPath: string): Promise<void> {
  const core = createCore({ dbPath });
  const owner = (
    core.store.db.prepare(`SELECT id FROM users WHERE role = 'rep' LIMIT 1`).get() as { id: string }
  ).id;
  const times: number[] = [];
  const total = 3_000;
  const warmup = 300;
  for (let i = 0; i < total; i++) {
    const started = performance.now();
    await core.call('deals.create', {
      title: `Bench deal ${i}`,
      valueMinor: 1_000_00 + i,
      ownerId: owner,
    });
    if (i >= warmup) times.push(performance.now() - started);
  }
  const seq = core.store.lastSeq;
  core.close();
  print({
    name: 'local write: create a deal, op log included (median)',
    value: median(times),
    unit: 'ms',
    target: 1,
    runs: times.length,
  });
  print({
    name: 'local write: create a deal, op log included (p95)',
    value: percentile(times, 95),
    unit: 'ms',
    target: 5,
    runs: times.length,
  });
  if (seq === 0) throw new Error('the benchmark wrote no ops');
}
