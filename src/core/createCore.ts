import {
  ApiError,
  assertMethod,
  parseInput,
  parseOutput,
  type CallResult,
  type MethodName,
  type MethodOutput,
} from '../shared/contract';
import { newId } from '../shared/ids';
import { accountMethods } from './accounts';
import { activityMethods } from './activity';
import { callMethods } from './calls';
import { campaignMethods } from './campaigns';
import { contactMethods } from './contacts';
import type { CoreContext } from './context';
import { CoreEvents } from './events';
import type { Handler, Handlers } from './handlers';
import { handoverMethods } from './handover';
import { importExportMethods } from './importexport';
import { metricsMethods } from './metrics';
import { lifecycleMethods } from './metrics/lifecycle';
import { presenceMethods } from './presence';
import { scoringMethods } from './scoring';
import { settingsMethods } from './settings';
import { ensureDefaultPipeline, pipelineMethods } from './pipeline';
import { SearchIndexer, searchMethods } from './search';
import { FileSecretStore, type SecretStore } from './secrets';
import { SyncManager, syncMethods, type SyncOptions } from './sync';
import { Store } from './store/store';
import { RowNotFoundError } from './store/writePath';
import { teamMethods } from './team';
import { viewMethods } from './views';

export interface CoreOptions {
  /** The SQLite file. Never inside a synced folder. */
  dbPath: string;
  appVersion?: string;
  /** Wall clock in UTC ms, for tests. */
  now?: () => number;
  /** Check every handler's output against the contract (on by default; cheap insurance). */
  validateOutput?: boolean;
  /** Sync with the workspace this device is in (folder polling, whether to start at once). */
  sync?: SyncOptions;
  /**
   * Where this device keeps secrets such as the remote scorer's API key, never in the synced
   * database: the OS keychain in the desktop app; by default `<dbPath>.secrets.json` (mode 0600).
   */
  secrets?: SecretStore;
}

/** The engine behind every transport: Electron IPC, the browser host, the CLI. */
export interface Core {
  readonly store: Store;
  readonly events: CoreEvents;
  readonly context: CoreContext;
  /** This device's sync with its workspace. */
  readonly sync: SyncManager;
  /** Call a method with untrusted input; throws `ApiError` naming the bad field. */
  call<M extends MethodName>(method: M, input?: unknown): Promise<MethodOutput<M>>;
  /** For transports: never throws, returns a value or a wire error. */
  handle(method: unknown, input: unknown): Promise<CallResult>;
  close(): void;
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof RowNotFoundError) return new ApiError('not_found', error.message);
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError('internal', `internal error: ${message}`);
}

export function createCore(options: CoreOptions): Core {
  const events = new CoreEvents();
  const store = Store.open({
    path: options.dbPath,
    now: options.now,
    onCommit: ({ tables, origin }) => events.emit('data.changed', { tables, origin }),
  });
  const search = new SearchIndexer(store);
  const context: CoreContext = {
    store,
    events,
    search,
    now: options.now ?? Date.now,
    newId,
    appVersion: options.appVersion ?? '0.0.0',
    secrets: options.secrets ?? new FileSecretStore(`${options.dbPath}.secrets.json`),
  };
  ensureDefaultPipeline(store);
  const sync = new SyncManager(context, options.sync);

  const handlers: Handlers = {
    ...teamMethods(context),
    ...pipelineMethods(context),
    ...activityMethods(context),
    ...accountMethods(context),
    ...contactMethods(context),
    ...campaignMethods(context),
    ...searchMethods(context),
    ...viewMethods(context),
    ...importExportMethods(context),
    ...syncMethods(context, sync),
    ...callMethods(context),
    ...metricsMethods(context),
    ...lifecycleMethods(context),
    ...settingsMethods(context),
    ...presenceMethods(context),
    ...scoringMethods(context),
    ...handoverMethods(context),
  };

  // Keep the search index following the log: right after each write, a slice at a time, so the
  // event loop stays free; a big backlog (after an import or a first sync) is rebuilt from the
  // tables, also in slices.
  let indexing: NodeJS.Immediate | undefined;
  const indexStep = () => {
    indexing = undefined;
    try {
      if (!search.rebuilding && search.backlog() > 5_000) search.startRebuild();
      if (search.rebuilding) search.rebuildStep(5_000);
      const more = search.rebuilding || search.catchUp(200) > 0;
      if (more) indexing = setImmediate(indexStep);
    } catch (error) {
      console.error('search indexing failed; searches will catch up on their own:', error);
    }
  };
  const scheduleIndexing = () => {
    if (!indexing && store.db.open) indexing = setImmediate(indexStep);
  };
  events.on('data.changed', scheduleIndexing);
  scheduleIndexing();
  const validateOutput = options.validateOutput ?? true;

  async function call<M extends MethodName>(method: M, input?: unknown): Promise<MethodOutput<M>> {
    const name = assertMethod(method) as M;
    const parsed = parseInput(name, input);
    const handler = handlers[name] as Handler<M>;
    let output: MethodOutput<M>;
    try {
      output = await handler(parsed);
    } catch (error) {
      throw toApiError(error);
    }
    return validateOutput ? parseOutput(name, output) : output;
  }

  return {
    store,
    events,
    context,
    call,
    async handle(method, input) {
      try {
        return { ok: true, value: await call(method as MethodName, input) };
      } catch (error) {
        const apiError = toApiError(error);
        if (apiError.code === 'internal') console.error(`${String(method)} failed:`, error);
        return { ok: false, error: apiError.toWire() };
      }
    },
    sync,
    close() {
      void sync.close();
      if (indexing) clearImmediate(indexing);
      indexing = undefined;
      store.close();
    },
  };
}
