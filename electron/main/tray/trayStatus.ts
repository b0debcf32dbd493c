/**
 * Follows what the tray shows, from the core's events: `sync.status` as sync reports it, and this
 * person's open call whenever the calls change (here or by sync from another of their devices).
 */
import type { Core } from '../../../src/core';
import type { SyncStatus } from '../../../src/shared/contract';
import { LONGEST_CALL_MS } from '../../../src/shared/domain/presence';
import type { OpenCall, TrayState } from './trayText';

/** The call the current user has open, if any (one left open for half a day does not count). */
export async function readOpenCall(core: Core, now = Date.now()): Promise<OpenCall | null> {
  const me = (await core.call('app.info', {})).currentUser;
  if (!me) return null;
  const [call] = await core.call('calls.list', { repId: me.id, limit: 1 });
  if (!call || call.endedAt !== null || call.startedAt <= now - LONGEST_CALL_MS) return null;
  let name: string | null = null;
  if (call.dealId) {
    const deal = await core.call('deals.get', { id: call.dealId });
    name = deal.contactName ?? deal.title;
  } else if (call.contactId) {
    name = (await core.call('contacts.get', { id: call.contactId })).name;
  }
  return { since: call.startedAt, with: name };
}

export function followTrayState(
  core: Core,
  onChange: (state: TrayState) => void,
): { ready: Promise<void>; dispose(): void } {
  const state: TrayState = { sync: null, call: null };
  let disposed = false;
  const publish = () => {
    if (!disposed) onChange({ ...state });
  };
  const readCall = async () => {
    try {
      state.call = await readOpenCall(core);
    } catch (error) {
      console.error('tray: could not read the open call:', error);
    }
    publish();
  };
  const offSync = core.events.on('sync.status', (status: SyncStatus) => {
    state.sync = status;
    publish();
  });
  const offData = core.events.on('data.changed', ({ tables }) => {
    if (tables.includes('calls') || tables.includes('users')) void readCall();
  });
  const ready = (async () => {
    try {
      if (!state.sync) state.sync = await core.call('sync.status', {});
    } catch (error) {
      console.error('tray: could not read the sync status:', error);
    }
    await readCall();
  })();
  return {
    ready,
    dispose() {
      disposed = true;
      offSync();
      offData();
    },
  };
}
