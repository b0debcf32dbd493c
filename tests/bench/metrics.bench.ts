import { join } from 'node:path';
import { createCore } from '../../src/core';
import { median, print } from './stats';

/** The manager's dashboard over 1,000,000 calls of 50 reps across 90 days. */
export async function metricsBench(dir: string): Promise<void> {
  const now = Date.UTC(2026, 10, 30, 20);
  const core = createCore({ dbPath: join(dir, 'calls-1m.db'), now: () => now });
  const reps = Array.from(
    { length: 50 },
    (_, i) => `0190f2a4-0000-7000-8000-${String(i).padStart(12, '0')}`,
  );
  const dispositions = ['connected', 'no-answer', 'busy', 'voicemail', 'meeting-booked'];
  core.store.bulkLoad(() => {
    core.store.write((w) => {
      reps.forEach((id, i) =>
        w.insert('users', { id, name: `Rep ${i}`, email: `rep${i}@bench.example`, role: 'rep' }),
      );
    });
    const day = 86_400_000;
    for (let batch = 0; batch < 100; batch++) {
      core.store.write((w) => {
        w.insertMany(
          'calls',
          Array.from({ length: 10_000 }, (_, i) => {
            const n = batch * 10_000 + i;
            const started =
              now - Math.floor(((n * 7919) % 90_000) / 1000) * day - ((n * 104_729) % day);
            return {
              rep_id: reps[n % reps.length]!,
              started_at: started,
              ended_at: started + 30_000 + (n % 600) * 1000,
              disposition: dispositions[n % dispositions.length]!,
            };
          }),
        );
      });
    }
  });
  const ranges = {
    today: { from: now - 20 * 3_600_000, to: now + 4 * 3_600_000 },
    week: { from: now - 7 * 86_400_000, to: now },
  };
  for (const [name, range] of Object.entries(ranges)) {
    const times: number[] = [];
    for (let run = 0; run < 9; run++) {
      const started = performance.now();
      await core.call('dashboard.activity', range);
      times.push(performance.now() - started);
    }
    print({
      name: `live dashboard over 1,000,000 calls, ${name} (50 reps)`,
      value: median(times),
      unit: 'ms',
      target: 50,
      runs: times.length,
    });
  }
  core.close();
}
