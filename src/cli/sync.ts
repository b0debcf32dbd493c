import type { SyncStatus } from '../shared/contract';
import { createCore } from '../core';
import { APP_VERSION } from './appVersion';

export interface SyncCommandOptions {
  db: string;
  /** A workspace folder, or a server with an access token. */
  folder?: string;
  server?: string;
  token?: string;
  watch?: boolean;
  /** Make the folder a new workspace with this name first. */
  create?: string;
}

function ago(ms: number | null, now: number): string {
  if (ms === null) return 'never';
  const s = Math.round((now - ms) / 1000);
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}

/** The status in a few lines, for a terminal. */
export function describeStatus(status: SyncStatus, now = Date.now()): string {
  const lines = [
    `Sync: ${status.state}${status.message ? ` — ${status.message}` : ''}`,
    `  Workspace: ${status.workspace ? `${status.workspace.name ?? ''} (${status.workspace.path})` : 'none'}`,
    `  This device: ${status.deviceId}, ${status.pendingOps.toLocaleString('en-US')} ops not published yet`,
  ];
  for (const device of status.devices) {
    const who = device.userName ? `${device.userName} on ${device.name ?? device.id}` : device.id;
    const skew =
      device.aheadMs !== null ? `, clock ${Math.round(device.aheadMs / 60_000)} min ahead` : '';
    lines.push(
      `  Device ${who}: seen ${ago(device.lastSeen, now)}, ${device.behind.toLocaleString('en-US')} ops behind${skew}`,
    );
  }
  for (const problem of status.problems) {
    lines.push(`  Skipped ${problem.path} (${problem.kind}): ${problem.message}`);
  }
  for (const refusal of status.refused) {
    lines.push(
      `  Refused by the server: ${refusal.table} ${refusal.rowIds.join(', ')}: ${refusal.reason}`,
    );
  }
  if (status.openConflicts > 0) {
    lines.push(`  ${status.openConflicts} conflicting edits wait in the app's conflicts inbox`);
  }
  return lines.join('\n');
}

/**
 * `cockpit sync --db FILE --folder DIR [--watch]`: sync a database through a workspace folder
 * once (exit code 1 if sync halted or failed), or keep syncing until Ctrl+C.
 */
export async function runSyncCommand(options: SyncCommandOptions): Promise<number> {
  const core = createCore({
    dbPath: options.db,
    appVersion: APP_VERSION,
    sync: { autoStart: false },
  });
  try {
    const target = options.server ?? options.folder;
    if (!target || (options.server && !options.token)) {
      console.error('say where to sync: --folder DIR, or --server URL --token TOKEN');
      return 2;
    }
    const current = core.sync.workspace();
    if (current && current.path !== target.replace(/\/+$/, '')) {
      console.error(
        `${options.db} syncs with ${current.path}; stop that in the app (Settings → Sync) first.`,
      );
      return 2;
    }
    let status: SyncStatus;
    if (options.server && !current) {
      status = await core.call('sync.connectServer', {
        url: options.server,
        token: options.token!,
      });
    } else if (options.create && options.folder) {
      status = await core.call('sync.createWorkspace', {
        folder: options.folder,
        name: options.create,
      });
    } else if (!current && options.folder) {
      status = await core.call('sync.joinWorkspace', { folder: options.folder });
    } else {
      await core.sync.resume();
      status = await core.call('sync.now', {});
    }
    console.log(describeStatus(status));
    if (!options.watch) return status.state === 'idle' ? 0 : 1;

    console.log('Watching the folder for changes; press Ctrl+C to stop.');
    const off = core.events.on('sync.status', (next) => {
      if (next.state !== 'syncing')
        console.log(`\n${new Date().toISOString()}\n${describeStatus(next)}`);
    });
    // The folder watch does not hold the process open by itself (the app's window or server
    // does); here this timer does, until Ctrl+C.
    const keepAlive = setInterval(() => undefined, 60_000);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    clearInterval(keepAlive);
    off();
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    await core.sync.close();
    core.close();
  }
}
