import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/contract';
import {
  ago,
  clockAhead,
  conflictValue,
  indicatorLine,
  indicatorNotes,
  peerLabel,
  reasonSentence,
  tableWords,
} from './syncText';

const NOW = Date.UTC(2025, 4, 12, 10, 0, 0);
const status = (patch: Partial<SyncStatus>): SyncStatus => ({
  state: 'idle',
  workspace: { kind: 'folder', path: '/Volumes/Sales/Cockpit', name: 'Northwind' },
  deviceId: 'dev-a',
  message: null,
  lastSyncAt: NOW - 2 * 60_000,
  pendingOps: 0,
  devices: [],
  problems: [],
  openConflicts: 0,
  refused: [],
  ...patch,
});

describe('sync in words', () => {
  it('says how long ago briefly', () => {
    expect(ago(NOW - 5_000, NOW)).toBe('just now');
    expect(ago(NOW + 5_000, NOW)).toBe('just now');
    expect(ago(NOW - 2 * 60_000, NOW)).toBe('2 min ago');
    expect(ago(NOW - 3 * 3_600_000, NOW)).toBe('3 h ago');
    expect(ago(NOW - 26 * 3_600_000, NOW)).toBe('yesterday');
    expect(ago(NOW - 5 * 86_400_000, NOW)).toBe('5 days ago');
  });

  it('gives the sidebar one short line per state, conflicts after it', () => {
    expect(indicatorLine(status({}), NOW)).toBe('Synced 2 min ago');
    expect(indicatorLine(status({ openConflicts: 3 }), NOW)).toBe('Synced 2 min ago · 3 conflicts');
    expect(indicatorLine(status({ openConflicts: 1, state: 'syncing' }), NOW)).toBe(
      'Syncing… · 1 conflict',
    );
    expect(indicatorLine(status({ state: 'halted' }), NOW)).toBe('Sync halted');
    expect(indicatorLine(status({ state: 'off', workspace: null }), NOW)).toBe('Not syncing');
  });

  it('counts refused changes in the sidebar, each note on its own', () => {
    const refusal = {
      seq: 7,
      lastSeq: 7,
      table: 'deals',
      rowIds: ['d1'],
      reason: 'only admins change the pipeline',
      at: NOW,
    };
    const refused = status({ refused: [refusal], openConflicts: 2 });
    expect(indicatorLine(refused, NOW)).toBe('Synced 2 min ago · 2 conflicts · 1 change refused');
    expect(indicatorNotes(refused)).toEqual(['2 conflicts to settle', '1 change refused']);
    expect(indicatorNotes(status({ refused: [refusal, { ...refusal, seq: 8 }] }))).toEqual([
      '2 changes refused',
    ]);
    expect(indicatorNotes(status({}))).toEqual([]);
  });

  it('says what a refused change touched and why, in words', () => {
    expect(tableWords('notes', 1)).toBe('A note');
    expect(tableWords('deals', 3)).toBe('3 deals');
    expect(tableWords('team', 1)).toBe('Team settings');
    expect(tableWords('stages', 2)).toBe('2 pipeline stages');
    expect(tableWords('price_books', 1)).toBe('Price books');
    expect(tableWords('price_books', 2)).toBe('2 price books');
    expect(reasonSentence('only admins change the pipeline')).toBe(
      'Only admins change the pipeline.',
    );
    expect(reasonSentence('Not yours.')).toBe('Not yours.');
    expect(reasonSentence(' ')).toBe('Your role may not make this change.');
  });

  it('names a clock that runs ahead, not one a few seconds off', () => {
    expect(clockAhead({ aheadMs: null })).toBeNull();
    expect(clockAhead({ aheadMs: 4_000 })).toBeNull();
    expect(clockAhead({ aheadMs: 3_600_000 })).toBe('clock 1 h ahead');
    expect(clockAhead({ aheadMs: 12 * 60_000 })).toBe('clock 12 min ahead');
    expect(clockAhead({ aheadMs: 2 * 86_400_000 })).toBe('clock 2 days ahead');
  });

  it('names a device by its person, then its name, then its id', () => {
    const peer = { id: '0190abcd-ef12', name: null, userName: null, userEmail: null };
    expect(peerLabel(peer)).toEqual({ person: 'Someone', device: 'Device 0190abcd' });
    expect(peerLabel({ ...peer, userEmail: 'sam@x.example', name: 'Sam’s laptop' })).toEqual({
      person: 'sam@x.example',
      device: 'Sam’s laptop',
    });
  });

  it('shows stored values as people read them', () => {
    expect(conflictValue('next_step', null)).toEqual({ text: 'Empty', empty: true });
    expect(conflictValue('next_step', '')).toEqual({ text: 'Empty', empty: true });
    expect(conflictValue('title', 'Fleet rollout')).toEqual({
      text: 'Fleet rollout',
      empty: false,
    });
    expect(conflictValue('value_minor', 1_250_000).text).toMatch(/12.500.00|12,500.00/);
    expect(conflictValue('close_date', NOW).text).toMatch(/2025/);
  });
});
