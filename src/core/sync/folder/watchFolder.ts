/**
 * Noticing that something may have arrived in a workspace folder. File-system events are fast
 * but unreliable or absent on network drives and in synced folders, so a poll compares a cheap
 * listing signature as well; either one schedules a (debounced) call.
 */
import { type FSWatcher, watch } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { errorCode, PART_SUFFIX } from './atomicFile';
import { DEVICES_DIR, OPS_DIR, SNAPSHOTS_DIR, WORKSPACE_FILE } from './workspace';

export interface WatchFolderOptions {
  pollMs: number;
  debounceMs: number;
  /** Use file-system events as well as polling (off: polling only). */
  events: boolean;
}

async function names(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => !name.endsWith(PART_SUFFIX)).sort();
  } catch (error) {
    return [`!${errorCode(error) ?? 'error'}`];
  }
}

async function mtime(path: string): Promise<string> {
  try {
    const s = await stat(path);
    return `${s.size}@${s.mtimeMs}`;
  } catch (error) {
    return `!${errorCode(error) ?? 'error'}`;
  }
}

/**
 * What the folder holds, as one string: names of segments and snapshots (immutable, so names
 * suffice), names and times of device files (rewritten in place), and whether `workspace.json`
 * is there. Also returns the directories worth watching.
 */
async function signature(root: string): Promise<{ signature: string; dirs: string[] }> {
  const opsDir = join(root, OPS_DIR);
  const devicesDir = join(root, DEVICES_DIR);
  const parts = [await mtime(join(root, WORKSPACE_FILE))];
  const dirs = [root, opsDir, devicesDir, join(root, SNAPSHOTS_DIR)];
  for (const device of await names(opsDir)) {
    if (device.startsWith('!')) continue;
    const dir = join(opsDir, device);
    dirs.push(dir);
    parts.push(`${device}:${(await names(dir)).join(',')}`);
  }
  parts.push(`snapshots:${(await names(join(root, SNAPSHOTS_DIR))).join(',')}`);
  for (const file of await names(devicesDir)) {
    parts.push(`${file}:${await mtime(join(devicesDir, file))}`);
  }
  return { signature: parts.join('\n'), dirs };
}

/** Start watching `root`; returns a function that stops every watcher and timer. */
export function watchFolder(
  root: string,
  onChange: () => void,
  options: WatchFolderOptions,
): () => void {
  let stopped = false;
  let last: string | undefined;
  let pollTimer: NodeJS.Timeout | undefined;
  let debounceTimer: NodeJS.Timeout | undefined;
  const watchers = new Map<string, FSWatcher>();

  const fire = () => {
    if (stopped || debounceTimer) return;
    debounceTimer = setTimeout(() => {
      debounceTimer = undefined;
      if (stopped) return;
      try {
        onChange();
      } catch {
        // The listener's failure is its own; watching goes on.
      }
    }, options.debounceMs);
    debounceTimer.unref();
  };

  const unwatch = (dir: string) => {
    watchers.get(dir)?.close();
    watchers.delete(dir);
  };

  const follow = (dirs: string[]) => {
    if (!options.events || stopped) return;
    for (const dir of watchers.keys()) if (!dirs.includes(dir)) unwatch(dir);
    for (const dir of dirs) {
      if (watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, { persistent: false }, (_event, file) => {
          if (typeof file === 'string' && file.endsWith(PART_SUFFIX)) return;
          fire();
        });
        // A vanished directory or a drive without events: the poll still runs.
        watcher.on('error', () => unwatch(dir));
        watchers.set(dir, watcher);
      } catch {
        // Not watchable (missing, or unsupported on this file system): polling covers it.
      }
    }
  };

  const poll = async () => {
    const now = await signature(root);
    if (stopped) return;
    if (last !== undefined && now.signature !== last) fire();
    last = now.signature;
    follow(now.dirs);
    pollTimer = setTimeout(() => void poll(), options.pollMs);
    pollTimer.unref();
  };
  void poll();

  return () => {
    stopped = true;
    clearTimeout(pollTimer);
    clearTimeout(debounceTimer);
    for (const dir of [...watchers.keys()]) unwatch(dir);
  };
}
