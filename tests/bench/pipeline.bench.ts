import { createCore } from '../../src/core';
import { DEAL_SORT_FIELDS } from '../../src/shared/contract';
import { median, percentile, print } from './stats';

function time<T>(fn: () => T): [T, number] {
  const started = performance.now();
  const value = fn();
  return [value, performance.now() - started];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

/** The core's side of the board, the table and search, on the seeded 100,000 deals. */
export async function pipelineBench(dbPath: string): Promise<void> {
  const core = createCore({ dbPath });

  // The seed leaves the search index to be built: this is what the first search after a big
  // import or first sync waits for (later writes are indexed as they commit).
  const [, indexMs] = time(() => core.context.search.catchUp());
  print({
    name: 'search index build, 100,000 deals with accounts, contacts, notes',
    value: indexMs / 1000,
    unit: 's',
  });

  // board.load: counts, sums and first cards of every column.
  const boardTimes: number[] = [];
  for (let i = 0; i < 15; i++)
    boardTimes.push((await timeAsync(() => core.call('board.load', {})))[1]);
  print({
    name: 'board.load in the core (12 columns, 30 cards each)',
    value: median(boardTimes),
    unit: 'ms',
    runs: boardTimes.length,
  });

  // Moving a card: drop to persisted, op logged.
  const board = await core.call('board.load', {});
  const columns = board.columns.filter((c) => c.cards.length >= 3);
  const moveTimes: number[] = [];
  for (let i = 0; i < 300; i++) {
    const from = columns[i % columns.length]!;
    const to = columns[(i + 1) % columns.length]!;
    const card = from.cards[i % 3]!;
    const stage = (await core.call('stages.list')).stages.find((s) => s.id === to.stageId)!;
    const [, ms] = await timeAsync(() =>
      core.call('deals.move', {
        id: card.id,
        stageId: to.stageId,
        afterId: to.cards[0]!.id,
        reason: stage.kind === 'open' ? undefined : 'Benchmark',
      }),
    );
    moveTimes.push(ms);
    // Put it back, so the columns keep their cards.
    await core.call('deals.move', {
      id: card.id,
      stageId: from.stageId,
      afterId: from.cards[0]!.id === card.id ? undefined : from.cards[0]!.id,
      reason: 'Benchmark',
    });
  }
  print({
    name: 'move a card, drop to persisted with its ops (median)',
    value: median(moveTimes),
    unit: 'ms',
    target: 16,
    runs: moveTimes.length,
  });

  // The table: every sort, both ways, and the filters, each a first page with the total.
  let slowestSort = { field: '', ms: 0 };
  for (const field of DEAL_SORT_FIELDS) {
    for (const direction of ['asc', 'desc'] as const) {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++)
        runs.push(
          (
            await timeAsync(() =>
              core.call('deals.list', { sort: { field, direction }, limit: 100 }),
            )
          )[1],
        );
      const ms = median(runs);
      if (ms > slowestSort.ms) slowestSort = { field: `${field} ${direction}`, ms };
    }
  }
  print({
    name: `table sort, slowest column (${slowestSort.field}), first page + total`,
    value: slowestSort.ms,
    unit: 'ms',
    target: 100,
  });

  const stages = (await core.call('stages.list')).stages;
  const owner = (
    core.store.db.prepare(`SELECT id FROM users WHERE role = 'rep' LIMIT 1`).get() as { id: string }
  ).id;
  const filters = [
    { ownerIds: [owner] },
    { stageIds: [stages[2]!.id] },
    { phaseIds: ['conversion' as const] },
    { minValueMinor: 50_000_00, maxValueMinor: 100_000_00 },
    { rottingOnly: true },
    { followUpDueBefore: Date.now() },
    { query: 'platform' },
  ];
  let slowestFilter = { name: '', ms: 0 };
  for (const filter of filters) {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      runs.push(
        (
          await timeAsync(() =>
            core.call('deals.list', {
              filters: filter,
              sort: { field: 'value', direction: 'desc' },
              limit: 100,
            }),
          )
        )[1],
      );
    }
    if (median(runs) > slowestFilter.ms)
      slowestFilter = { name: Object.keys(filter)[0]!, ms: median(runs) };
  }
  print({
    name: `table filter, slowest (${slowestFilter.name}), sorted by value`,
    value: slowestFilter.ms,
    unit: 'ms',
    target: 100,
  });

  // Search as you type: prefixes of real names.
  const words = (
    core.store.db.prepare('SELECT name FROM accounts ORDER BY random() LIMIT 200').all() as {
      name: string;
    }[]
  ).map((row) => row.name.split(/\W+/)[0]!);
  const searchTimes: number[] = [];
  for (const word of words) {
    for (const length of [2, 3, 5]) {
      searchTimes.push(
        (await timeAsync(() => core.call('search.query', { query: word.slice(0, length) })))[1],
      );
    }
  }
  print({
    name: 'search as you type (p95)',
    value: percentile(searchTimes, 95),
    unit: 'ms',
    target: 20,
    runs: searchTimes.length,
  });
  core.close();
}
