import type { CoreEvents } from './events';
import type { SearchIndexer } from './search/indexer';
import type { SecretStore } from './secrets';
import type { Store } from './store/store';

/** What every domain service gets: the store, the event hub and the clock. Passed in, never global. */
export interface CoreContext {
  readonly store: Store;
  readonly events: CoreEvents;
  /** The full-text index; `catchUp()` before a query that must see the latest writes. */
  readonly search: SearchIndexer;
  /** Wall clock in UTC ms; injectable so tests can move time. */
  now(): number;
  /**
   * A new row id (a random UUIDv7). Code that the demo seed also runs (the handover flow) takes
   * the ids of the rows it creates from here, so that the same seed gives the same data.
   */
  newId(): string;
  readonly appVersion: string;
  /** What this device keeps outside the synced database (the remote scorer's API key). */
  readonly secrets: SecretStore;
}

/** The user signed in on this device (a local setting), or null before the first-run setup. */
export function currentUserId(ctx: CoreContext): string | null {
  return ctx.store.localSetting('current_user_id');
}
