/**
 * `npm run bench`: every benchmark, one JSON line per figure with its target. Figures are medians
 * over several runs; the machines these run on are noisy.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boardBench } from './board.bench';
import { importBench } from './import.bench';
import { metricsBench } from './metrics.bench';
import { pipelineBench } from './pipeline.bench';
import { seedBench } from './seed.bench';
import { serverBench } from './server.bench';
import { syncBench } from './sync.bench';
import { writeBench } from './write.bench';

const dir = mkdtempSync(join(tmpdir(), 'cockpit-bench-'));
try {
  const seeded = seedBench(dir);
  await pipelineBench(seeded);
  await boardBench(seeded);
  await writeBench(seeded);
  await importBench(dir);
  await syncBench(dir);
  await serverBench(dir);
  await metricsBench(dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
