import { createCore } from '../core';
import { seedDemoData, type SeedSummary } from '../core/demo/seed';
import { APP_VERSION } from './appVersion';

export interface SeedCommandOptions {
  db: string;
  deals: number;
  reps?: number;
  calls?: number;
  seed?: number;
  anchor?: number;
  progress?: boolean;
}

export function runSeed(options: SeedCommandOptions): { summary: SeedSummary; seconds: number } {
  const started = performance.now();
  const core = createCore({ dbPath: options.db, appVersion: APP_VERSION });
  try {
    const showProgress = options.progress && process.stderr.isTTY;
    const summary = seedDemoData(core.context, {
      deals: options.deals,
      reps: options.reps,
      calls: options.calls,
      seed: options.seed,
      anchor: options.anchor,
      onProgress: showProgress
        ? (done, total) => process.stderr.write(`\rSeeding… ${Math.round((done / total) * 100)}%`)
        : undefined,
    });
    if (showProgress) process.stderr.write('\r\x1b[K');
    return { summary, seconds: (performance.now() - started) / 1000 };
  } finally {
    core.close();
  }
}
