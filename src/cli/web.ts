import envPaths from 'env-paths';
import { join } from 'node:path';
import { createCore } from '../core';
import { seedDemoData } from '../core/demo/seed';
import { defaultRendererDir, startHost } from '../host/host';
import { APP_VERSION } from './appVersion';

export interface WebCommandOptions {
  db?: string;
  port: number;
  host: string;
  /** Fill a new, empty database with demo data first. */
  demo?: boolean;
}

/** `<user data>/web/cockpit.db`: the browser app's own database, apart from the desktop app's. */
export function defaultWebDatabase(): string {
  return join(envPaths('lifecycle-cockpit', { suffix: '' }).data, 'web', 'cockpit.db');
}

const DEMO_DEALS = 3_000;

export async function runWeb(options: WebCommandOptions): Promise<void> {
  const dbPath = options.db ?? defaultWebDatabase();
  const core = createCore({ dbPath, appVersion: APP_VERSION });
  const isEmpty = !core.store.db.prepare('SELECT 1 FROM users LIMIT 1').get();
  if (options.demo && isEmpty) {
    console.log(`New database: adding demo data (${DEMO_DEALS.toLocaleString('en-US')} deals)…`);
    seedDemoData(core.context, { deals: DEMO_DEALS, reps: 6 });
  }
  let host;
  try {
    host = await startHost({
      core,
      rendererDir: defaultRendererDir(),
      port: options.port,
      host: options.host,
    });
  } catch (error) {
    core.close();
    throw error;
  }
  console.log(`Lifecycle Cockpit is running on this machine only.`);
  console.log(`  Database: ${dbPath}`);
  console.log(`  Open:     ${host.url}`);
  console.log(`Press Ctrl+C to stop.`);

  const stop = async () => {
    await host.close();
    core.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
