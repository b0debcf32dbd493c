import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src/shared/contract';
import { trayText } from './trayText';

const time = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const AT_0942 = Date.parse('2026-11-30T09:42:00Z');

function status(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    state: 'idle',
    workspace: { kind: 'folder', path: '/mnt/team', name: 'Northwind' },
    deviceId: 'device-a',
    message: null,
    lastSyncAt: AT_0942,
    pendingOps: 0,
    devices: [],
    problems: [],
    openConflicts: 0,
    refused: [],
    ...overrides,
  };
}

describe('the tray’s text', () => {
  it('says when the laptop last synced and that nobody is on a call', () => {
    const text = trayText({ sync: status(), call: null }, time);
    expect(text.tooltip).toBe('Lifecycle Cockpit\nSynced at 09:42');
    expect(text.callLine).toBe('Not on a call');
    expect(text.attention).toBe(false);
  });

  it('puts an open call first, with whom and since when', () => {
    const text = trayText(
      { sync: status({ pendingOps: 3 }), call: { since: AT_0942, with: 'Anna Schmidt' } },
      time,
    );
    expect(text.tooltip).toBe(
      'Lifecycle Cockpit\nOn a call with Anna Schmidt since 09:42\nSynced at 09:42 · 3 changes to send',
    );
    expect(trayText({ sync: null, call: { since: AT_0942, with: null } }, time).callLine).toBe(
      'On a call since 09:42',
    );
  });

  it('says how sync stands in each state', () => {
    const line = (overrides: Partial<SyncStatus>) =>
      trayText({ sync: status(overrides), call: null }, time).syncLine;
    expect(line({ state: 'off', workspace: null })).toBe('Sync off: changes stay on this laptop');
    expect(line({ state: 'syncing', pendingOps: 1 })).toBe('Syncing… · 1 change to send');
    expect(line({ lastSyncAt: null })).toBe('Not synced yet');
    expect(line({ state: 'halted', message: 'The workspace folder is empty' })).toBe(
      'Sync halted: The workspace folder is empty',
    );
    expect(line({ state: 'error', message: null })).toBe('Sync failed: it will try again');
    expect(trayText({ sync: null, call: null }, time).syncLine).toBe('Sync: checking…');
  });

  it('asks for attention when sync needs a person', () => {
    const halted = trayText({ sync: status({ state: 'halted', message: 'x' }), call: null }, time);
    expect(halted.attention).toBe(true);
    const conflicts = trayText(
      {
        sync: status({
          openConflicts: 2,
          refused: [{ seq: 1, lastSeq: 1, table: 'deals', rowIds: [], reason: 'role', at: 0 }],
        }),
        call: null,
      },
      time,
    );
    expect(conflicts.attention).toBe(true);
    expect(conflicts.notices).toEqual(['2 conflicts to look at', '1 change refused by the server']);
    expect(conflicts.tooltip).toContain('2 conflicts to look at');
  });

  it('keeps the tooltip within what Windows shows', () => {
    const text = trayText(
      {
        sync: status({ state: 'halted', message: 'The folder '.repeat(30) }),
        call: { since: AT_0942, with: 'Someone With A Very Long Name Indeed' },
      },
      time,
    );
    expect(text.tooltip.length).toBeLessThanOrEqual(127);
    expect(text.tooltip.endsWith('…')).toBe(true);
  });
});
