/**
 * `workspace.json`: what makes a folder a sync workspace, and the format version its files use.
 * Its absence means the folder is not (or no longer) reachable, never that data was deleted.
 */
import { mkdir, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { newId } from '../../../shared/ids';
import { SyncHaltedError } from '../types';
import { errorCode, writeFileAtomic } from './atomicFile';
import { isCount, isObject } from './frame';

export const WORKSPACE_FILE = 'workspace.json';
export const WORKSPACE_FORMAT = 'lifecycle-cockpit-workspace';
/** The newest format version this app reads and writes. */
export const WORKSPACE_VERSION = 1;
export const OPS_DIR = 'ops';
export const DEVICES_DIR = 'devices';
export const SNAPSHOTS_DIR = 'snapshots';

export interface WorkspaceInfo {
  format: typeof WORKSPACE_FORMAT;
  version: number;
  id: string;
  name: string;
  createdAt: number;
}

const STOPPED = 'Sync has stopped and nothing was deleted';

/** Whether `path` is a folder, something else, or nothing. */
async function kindOf(path: string): Promise<'folder' | 'file' | null> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'file';
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return null;
    throw error;
  }
}

async function hasFiles(path: string): Promise<boolean> {
  try {
    return (await readdir(path)).length > 0;
  } catch {
    return false;
  }
}

/**
 * Make `dir` (an existing, empty-of-workspace folder) a workspace: `ops/`, `devices/`,
 * `snapshots/`, then `workspace.json`, written last so that its presence means the rest is there.
 */
export async function createWorkspace(dir: string, name: string): Promise<WorkspaceInfo> {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed === '') throw new Error('A workspace needs a name.');
  const kind = await kindOf(dir);
  if (kind === null) throw new Error(`The folder ${dir} does not exist: create it first.`);
  if (kind === 'file') throw new Error(`${dir} is a file, not a folder.`);
  if ((await kindOf(join(dir, WORKSPACE_FILE))) !== null) {
    throw new Error(
      `The folder ${dir} already holds a workspace (${WORKSPACE_FILE}): join it instead, or choose another folder.`,
    );
  }
  for (const sub of [OPS_DIR, DEVICES_DIR, SNAPSHOTS_DIR]) {
    if (await hasFiles(join(dir, sub))) {
      throw new Error(
        `The folder ${dir} holds sync files (${sub}/) but no ${WORKSPACE_FILE}: it may be a workspace that lost that file. Restore ${WORKSPACE_FILE}, or choose an empty folder.`,
      );
    }
  }
  for (const sub of [OPS_DIR, DEVICES_DIR, SNAPSHOTS_DIR]) {
    await mkdir(join(dir, sub), { recursive: true });
  }
  const info: WorkspaceInfo = {
    format: WORKSPACE_FORMAT,
    version: WORKSPACE_VERSION,
    id: newId(),
    name: trimmed,
    createdAt: Date.now(),
  };
  await writeFileAtomic(join(dir, WORKSPACE_FILE), JSON.stringify(info, null, 2) + '\n');
  return info;
}

/**
 * Read and check `dir/workspace.json`. Every failure is a `SyncHaltedError` whose message says
 * what happened and what to do: a missing folder or file (unmounted drive, emptied folder), an
 * unreadable or foreign file, a workspace written by a newer version of the app.
 */
export async function readWorkspace(dir: string): Promise<WorkspaceInfo> {
  const path = join(dir, WORKSPACE_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      if ((await kindOf(dir).catch(() => null)) !== 'folder') {
        throw new SyncHaltedError(
          `The sync folder ${dir} cannot be found: the drive may be disconnected or unmounted. ${STOPPED}; reconnect it and sync again.`,
        );
      }
      throw new SyncHaltedError(
        `The sync folder ${dir} has no ${WORKSPACE_FILE}: the folder may be unmounted or emptied. ${STOPPED}; check the folder, then sync again.`,
      );
    }
    throw new SyncHaltedError(
      `${WORKSPACE_FILE} in the sync folder ${dir} cannot be read (${code ?? String(error)}). ${STOPPED}.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = null;
  }
  if (!isObject(value) || value.format !== WORKSPACE_FORMAT) {
    throw new SyncHaltedError(
      `${WORKSPACE_FILE} in the sync folder ${dir} is damaged or is not a Lifecycle Cockpit workspace. ${STOPPED}.`,
    );
  }
  const { version, id, name, createdAt } = value;
  if (!isCount(version) || version < 1) {
    throw new SyncHaltedError(
      `${WORKSPACE_FILE} in the sync folder ${dir} has no valid format version. ${STOPPED}.`,
    );
  }
  if (version > WORKSPACE_VERSION) {
    throw new SyncHaltedError(
      `The workspace in ${dir} uses format version ${version}, newer than this app understands (${WORKSPACE_VERSION}): update Lifecycle Cockpit on this computer to sync with it. Nothing was changed.`,
    );
  }
  if (typeof id !== 'string' || id === '' || typeof name !== 'string' || !isCount(createdAt)) {
    throw new SyncHaltedError(
      `${WORKSPACE_FILE} in the sync folder ${dir} is missing its id, name or creation time. ${STOPPED}.`,
    );
  }
  return { format: WORKSPACE_FORMAT, version, id, name, createdAt };
}
