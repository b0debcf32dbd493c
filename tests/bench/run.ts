/**
 * `npm run bench`: every benchmark, one JSON line per figure with its target. Figures are medians
 * over several runs; the machines these run on are noisy.
 *
 * `npm run bench -- server liveDashboard`: only the benchmarks with these names.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boardBench } from './board.bench';
import { importBench } from './import.bench';
import { lifecycleBench } from './lifecycle.bench';
import { liveDashboardBench } from './liveDashboard.bench';
import { metricsBench } from './metrics.bench';
import { pipelineBench } from './pipeline.bench';
import { scoringBench } from './scoring.bench';
import { seedBench } from './seed.bench';
import { serverBench } from './server.bench';
import { syncBench } from './sync.bench';
import { writeBench } from './write.bench';

const dir = mkdtempSync(join(tmpdir(), 'cockpit-bench-'));
// The pipeline, board and write benchmarks share one seeded database, made on first use.
let seeded: string | undefined;
const seed = () => (seeded ??= seedBench(dir));

const BENCHES: Record<string, () => Promise<void> | void> = {
  seed: () => {
    seed();
  },
  pipeline: () => pipelineBench(seed()),
  board: () => boardBench(seed()),
  write: () => writeBench(seed()),
  import: () => importBench(dir),
  sync: () => syncBench(dir),
  server: () => serverBench(dir),
  liveDashboard: () => liveDashboardBench(dir),
  metrics: () => metricsBench(dir),
  scoring: () => scoringBench(),
  lifecycle: () => lifecycleBench(seed()),
};

const only = process.argv.slice(2);
const unknown = only.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  throw new Error(
    `no benchmark named ${unknown.join(', ')}; there are ${Object.keys(BENCHES).join(', ')}`,
  );
}
try {
  for (const [name, run] of Object.entries(BENCHES)) {
    if (only.length === 0 || only.includes(name)) await run();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
