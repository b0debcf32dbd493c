import { createCore } from '../../src/core';
import { median, print } from './stats';

const DAY = 86_400_000;

/**
 * dashboard.lifecycle on the seeded 100,000 deals (about 270,000 stage moves): the last week,
 * month and quarter before the seed's anchor (now). The demo moves most open deals every month,
 * so a month holds some 60,000 entries into stages, each looked up on its deal's later moves.
 */
export async function lifecycleBench(dbPath: string, runs = 7): Promise<void> {
  const core = createCore({ dbPath });
  const to = Date.now();
  for (const [label, days] of [
    ['a week', 7],
    ['a month', 30],
    ['a quarter', 91],
  ] as const) {
    const input = { from: to - days * DAY, to };
    await core.call('dashboard.lifecycle', input); // warm the statement cache and the pages
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      await core.call('dashboard.lifecycle', input);
      times.push(performance.now() - started);
    }
    print({
      name: `dashboard.lifecycle over ${label}, 100,000 deals`,
      value: median(times),
      unit: 'ms',
      target: 100,
      runs,
    });
  }
  core.close();
}
