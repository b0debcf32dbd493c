import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { ApiError, type SyncStatus } from '../../shared/contract';
import type { ServerUser } from '../../shared/serverApi';
import { currentUserId, type CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { listConflicts, resolveConflict } from './conflicts';
import { CURSOR_KEY, SyncEngine, type EngineOptions, type Workspace } from './engine';
import { HttpTransport } from './httpTransport';
import { FolderTransport, createWorkspace, readWorkspace } from './folder/folderTransport';
import { SyncHaltedError } from './types';

export { SyncEngine } from './engine';
export { MemoryHub, MemoryTransport } from './memoryTransport';

/** local_settings key of the workspace this device syncs with, as JSON (`Workspace`). */
const WORKSPACE_KEY = 'sync_workspace';
/** local_settings key of the server access token (this device's own, never synced). */
const TOKEN_KEY = 'sync_token';

export interface SyncOptions {
  /** Folder polling interval (file events are missing on network drives). */
  pollMs?: number;
  /** Start syncing at once if a workspace is set up (the app: yes; one-off CLI commands: no). */
  autoStart?: boolean;
  /** How long local edits wait for more before a sync (tests set it long to sync by hand). */
  debounceMs?: number;
}

/**
 * This device's sync: which workspace it is in (a local setting), and the engine that runs for
 * it. Status changes go out as the `sync.status` event.
 */
export class SyncManager {
  private engine: SyncEngine | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: SyncOptions = {},
  ) {
    if (options.autoStart !== false && this.workspace()) this.startEngine(this.workspace()!);
  }

  workspace(): Workspace | null {
    const stored = this.ctx.store.localSetting(WORKSPACE_KEY);
    return stored ? (JSON.parse(stored) as Workspace) : null;
  }

  status(): SyncStatus {
    if (this.engine) return this.engine.status();
    return {
      state: 'off',
      workspace: null,
      deviceId: this.ctx.store.deviceId,
      message: null,
      lastSyncAt: null,
      pendingOps: 0,
      devices: [],
      problems: [],
      openConflicts: this.ctx.store.openConflictCount(),
      refused: this.ctx.store.refusals(),
    };
  }

  /** Sync through a team server: the token is checked there first, then kept on this device. */
  async connect(url: string, token: string): Promise<SyncStatus> {
    this.assertOff();
    const transport = new HttpTransport(url, token);
    let user: ServerUser;
    try {
      user = await transport.me();
    } catch (error) {
      throw new ApiError(
        'invalid_input',
        (error as Error).message,
        error instanceof SyncHaltedError ? 'token' : 'url',
      );
    } finally {
      await transport.close();
    }
    // Kept in this device's own settings, never synced. (The desktop app could keep it in the
    // OS keychain through Electron's safeStorage instead.)
    this.ctx.store.setLocalSetting(TOKEN_KEY, token);
    return this.use({
      kind: 'server',
      path: url.replace(/\/+$/, ''),
      name: new URL(url).host,
      user: { name: user.name, email: user.email, role: user.role },
    });
  }

  dismissRefused(seq: number): SyncStatus {
    this.ctx.store.dismissRefusal(seq);
    const status = this.status();
    this.ctx.events.emit('sync.status', status);
    return status;
  }

  async create(folder: string, name: string): Promise<SyncStatus> {
    this.assertOff();
    const path = resolve(folder);
    try {
      await createWorkspace(path, name);
    } catch (error) {
      throw new ApiError('invalid_input', (error as Error).message, 'folder');
    }
    return this.use({ kind: 'folder', path, name });
  }

  async join(folder: string): Promise<SyncStatus> {
    this.assertOff();
    const path = resolve(folder);
    let name: string;
    try {
      name = (await readWorkspace(path)).name;
    } catch (error) {
      throw new ApiError('invalid_input', (error as Error).message, 'folder');
    }
    return this.use({ kind: 'folder', path, name });
  }

  async leave(): Promise<SyncStatus> {
    await this.engine?.stop();
    this.engine = null;
    this.ctx.store.setLocalSetting(WORKSPACE_KEY, null);
    this.ctx.store.setLocalSetting(TOKEN_KEY, null);
    this.ctx.store.setLocalSetting(CURSOR_KEY, null);
    const status = this.status();
    this.ctx.events.emit('sync.status', status);
    return status;
  }

  async now(): Promise<SyncStatus> {
    if (!this.engine) {
      throw new ApiError('conflict', 'this device is not in a workspace; create or join one first');
    }
    return this.engine.syncNow();
  }

  /** Start the engine of the workspace this device is in, if it is not running. */
  resume(): Promise<void> {
    const workspace = this.workspace();
    if (!this.engine && workspace) this.startEngine(workspace);
    return Promise.resolve();
  }

  async close(): Promise<void> {
    await this.engine?.stop();
    this.engine = null;
  }

  private assertOff(): void {
    if (this.engine) {
      throw new ApiError(
        'conflict',
        `this device already syncs with ${this.workspace()?.path ?? 'a workspace'}; stop that first`,
      );
    }
  }

  private async use(workspace: Workspace): Promise<SyncStatus> {
    this.ctx.store.setLocalSetting(WORKSPACE_KEY, JSON.stringify(workspace));
    const engine = this.startEngine(workspace);
    return engine.syncNow();
  }

  private startEngine(workspace: Workspace): SyncEngine {
    const transport =
      workspace.kind === 'server'
        ? new HttpTransport(workspace.path, this.ctx.store.localSetting(TOKEN_KEY) ?? '')
        : new FolderTransport(workspace.path, { pollMs: this.options.pollMs });
    const engine = new SyncEngine(this.ctx.store, this.ctx.events, transport, workspace, {
      ...engineOptions(this.ctx),
      debounceMs: this.options.debounceMs,
    });
    engine.onStatus((status) => this.ctx.events.emit('sync.status', status));
    engine.start();
    this.engine = engine;
    return engine;
  }
}

/** The role the team server gives this device's person, when it syncs through one. */
export function serverRole(ctx: CoreContext): ServerUser['role'] | null {
  const stored = ctx.store.localSetting(WORKSPACE_KEY);
  const workspace = stored ? (JSON.parse(stored) as Workspace) : null;
  return workspace?.kind === 'server' ? (workspace.user?.role ?? null) : null;
}

export function engineOptions(ctx: CoreContext): EngineOptions {
  return {
    deviceName: hostname(),
    appVersion: ctx.appVersion,
    now: ctx.now,
    currentUser: () => {
      const id = currentUserId(ctx);
      if (!id) return null;
      return (
        (ctx.store.prepare('SELECT name, email FROM users WHERE id = ?').get(id) as
          { name: string; email: string } | undefined) ?? null
      );
    },
  };
}

export function syncMethods(
  ctx: CoreContext,
  manager: SyncManager,
): Pick<
  Handlers,
  | 'sync.status'
  | 'sync.createWorkspace'
  | 'sync.joinWorkspace'
  | 'sync.leave'
  | 'sync.now'
  | 'sync.conflicts'
  | 'sync.resolveConflict'
  | 'sync.connectServer'
  | 'sync.dismissRefused'
> {
  return {
    'sync.status': () => manager.status(),
    'sync.createWorkspace': ({ folder, name }) => manager.create(folder, name),
    'sync.joinWorkspace': ({ folder }) => manager.join(folder),
    'sync.leave': () => manager.leave(),
    'sync.connectServer': ({ url, token }) => manager.connect(url, token),
    'sync.dismissRefused': ({ seq }) => manager.dismissRefused(seq),
    'sync.now': () => manager.now(),
    'sync.conflicts': () => listConflicts(ctx),
    'sync.resolveConflict': ({ id, keep }) => {
      resolveConflict(ctx, id, keep);
      return { id };
    },
  };
}

export { SyncHaltedError };
