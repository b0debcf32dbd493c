/**
 * What the tray icon says: whether this laptop is in sync, and whether its person is on a call.
 * Plain functions of the state, so that tests check every sentence without Electron.
 */
import type { SyncStatus } from '../../../src/shared/contract';

/** The call this laptop's person has open, if any. */
export interface OpenCall {
  since: number;
  /** Whom it is with: the contact, or the deal. */
  with: string | null;
}

export interface TrayState {
  /** null until the first status has been read. */
  sync: SyncStatus | null;
  call: OpenCall | null;
}

export interface TrayText {
  /** The icon's hover text (Windows cuts it at 127 characters). */
  tooltip: string;
  callLine: string;
  syncLine: string;
  /** Lines that ask for a person: conflicts, refused changes, a halted sync. */
  notices: string[];
  /** Something needs a person (sync halted or failing, conflicts, refused changes). */
  attention: boolean;
}

const MAX_TOOLTIP = 127;

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

export function syncLine(sync: SyncStatus | null, time: (ms: number) => string): string {
  if (!sync) return 'Sync: checking…';
  const waiting =
    sync.pendingOps > 0 ? ` · ${plural(sync.pendingOps, 'change', 'changes')} to send` : '';
  switch (sync.state) {
    case 'off':
      return 'Sync off: changes stay on this laptop';
    case 'syncing':
      return `Syncing…${waiting}`;
    case 'halted':
      return `Sync halted: ${sync.message ?? 'it needs you to look'}`;
    case 'error':
      return `Sync failed: ${sync.message ?? 'it will try again'}`;
    case 'idle':
      return sync.lastSyncAt === null
        ? `Not synced yet${waiting}`
        : `Synced at ${time(sync.lastSyncAt)}${waiting}`;
  }
}

export function callLine(call: OpenCall | null, time: (ms: number) => string): string {
  if (!call) return 'Not on a call';
  return `On a call${call.with ? ` with ${call.with}` : ''} since ${time(call.since)}`;
}

export function trayText(state: TrayState, time: (ms: number) => string): TrayText {
  const sync = state.sync;
  const notices: string[] = [];
  if (sync && sync.openConflicts > 0) {
    notices.push(`${plural(sync.openConflicts, 'conflict', 'conflicts')} to look at`);
  }
  if (sync && sync.refused.length > 0) {
    notices.push(`${plural(sync.refused.length, 'change', 'changes')} refused by the server`);
  }
  const attention = sync?.state === 'halted' || sync?.state === 'error' || notices.length > 0;
  const lines = [
    state.call ? callLine(state.call, time) : null,
    syncLine(sync, time),
    ...notices,
  ].filter((line) => line !== null);
  let tooltip = ['Lifecycle Cockpit', ...lines].join('\n');
  if (tooltip.length > MAX_TOOLTIP) tooltip = `${tooltip.slice(0, MAX_TOOLTIP - 1)}…`;
  return {
    tooltip,
    callLine: callLine(state.call, time),
    syncLine: syncLine(sync, time),
    notices,
    attention,
  };
}
