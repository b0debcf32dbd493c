import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../../../tests/helpers/tempDir';
import { formatHlc } from '../../shared/hlc';
import type { ChangeEntry } from '../sync/types';
import { contentHash } from './contentHash';
import { Store } from './store';

const T0 = Date.UTC(2026, 10, 30, 9);

function device(now: () => number = () => T0): Store {
  return Store.open({ path: tempDbPath(), now });
}

const log = (store: Store): ChangeEntry[] => store.ownEntriesAfter(0, Number.MAX_SAFE_INTEGER);
const deal = (store: Store, id: string) =>
  store.db.prepare('SELECT * FROM deals WHERE id = ?').get(id) as Record<string, unknown>;
const conflicts = (store: Store) =>
  store.db
    .prepare('SELECT col, kept_value, lost_value, kept_hlc, lost_hlc FROM sync_conflicts')
    .all() as { col: string; kept_value: unknown; lost_value: unknown }[];

describe('applying ops of other devices', () => {
  it('keeps the newer edit of a field and the losing value of a concurrent one, on both sides', () => {
    let wall = T0;
    const a = device(() => wall);
    const b = device(() => wall);
    const id = a.write((w) => w.insert('deals', { title: 'Fleet rollout', next_step: 'Call' }));
    b.applyRemote(log(a));
    // Both edit the next step without seeing each other's edit; B's is later.
    wall += 1000;
    a.write((w) => w.update('deals', id, { next_step: 'Send the proposal' }));
    wall += 1000;
    b.write((w) => w.update('deals', id, { next_step: 'Book a demo' }));
    // And different fields: both survive.
    a.write((w) => w.update('deals', id, { value_minor: 500_00 }));
    b.write((w) => w.update('deals', id, { title: 'Fleet rollout 2027' }));

    a.applyRemote(log(b));
    b.applyRemote(log(a));
    for (const store of [a, b]) {
      expect(deal(store, id)).toMatchObject({
        next_step: 'Book a demo',
        value_minor: 500_00,
        title: 'Fleet rollout 2027',
      });
      expect(conflicts(store)).toEqual([
        expect.objectContaining({
          col: 'next_step',
          kept_value: 'Book a demo',
          lost_value: 'Send the proposal',
        }),
      ]);
    }
    expect(contentHash(a)).toBe(contentHash(b));
    a.close();
    b.close();
  });

  it('applies an edit made after seeing a value without calling it a conflict', () => {
    let wall = T0;
    const a = device(() => wall);
    const b = device(() => wall);
    const id = a.write((w) => w.insert('deals', { title: 'Renewal' }));
    b.applyRemote(log(a));
    wall += 1000;
    b.write((w) => w.update('deals', id, { title: 'Renewal 2027' }));
    a.applyRemote(log(b));
    expect(deal(a, id).title).toBe('Renewal 2027');
    expect(conflicts(a)).toEqual([]);
    a.close();
    b.close();
  });

  it('a delete travels as a tombstone, and a concurrent edit does not bring the row back', () => {
    let wall = T0;
    const a = device(() => wall);
    const b = device(() => wall);
    const id = a.write((w) => w.insert('deals', { title: 'Pilot' }));
    b.applyRemote(log(a));
    wall += 1000;
    a.write((w) => w.remove('deals', id));
    b.write((w) => w.update('deals', id, { next_step: 'Call back' }));
    a.applyRemote(log(b));
    b.applyRemote(log(a));
    for (const store of [a, b]) {
      expect(deal(store, id).deleted_at).not.toBeNull();
      expect(deal(store, id).next_step).toBe('Call back');
    }
    a.close();
    b.close();
  });

  it('does not follow a clock a year ahead, names its device, and local edits still win after it', () => {
    const yearMs = 365 * 24 * 3_600_000;
    const fast = device(() => T0 + yearMs);
    const here = device(() => T0);
    const id = fast.write((w) => w.insert('deals', { title: 'From the future' }));
    const result = here.applyRemote(log(fast));
    expect(result.skewed).toEqual([
      { device: fast.deviceId, aheadMs: expect.any(Number) as number },
    ]);
    expect(result.skewed[0]!.aheadMs).toBeGreaterThan(yearMs - 1000);
    expect(
      here.db.prepare('SELECT ahead_ms FROM sync_peers WHERE device = ?').get(fast.deviceId),
    ).toEqual({ ahead_ms: result.skewed[0]!.aheadMs });
    // Our clock stays in our time...
    expect(
      here.clock.now() < formatHlc({ wall: T0 + 60_000, counter: 0, device: here.deviceId }),
    ).toBe(true);
    // ...and an edit of that deal here still wins, here and there.
    here.write((w) => w.update('deals', id, { title: 'Fixed here' }));
    fast.applyRemote(log(here));
    expect(deal(here, id).title).toBe('Fixed here');
    expect(deal(fast, id).title).toBe('Fixed here');
    fast.close();
    here.close();
  });

  it('waits at a gap, skips what it has, and applies the rest once the missing ops arrive', () => {
    const a = device();
    const b = device();
    for (let i = 0; i < 3; i++) a.write((w) => w.insert('accounts', { name: `Account ${i}` }));
    const [first, second, third] = log(a);
    const gap = b.applyRemote([first!, third!]);
    expect(gap.applied).toBe(1);
    expect(gap.gaps).toEqual([{ device: a.deviceId, expected: second!.seq, got: third!.seq }]);
    expect(b.appliedVector()).toEqual({ [a.deviceId]: first!.lastSeq });
    const rest = b.applyRemote([first!, second!, third!]);
    expect(rest.applied).toBe(2);
    expect(rest.duplicates).toBe(first!.lastSeq - first!.seq + 1);
    expect(contentHash(a)).toBe(contentHash(b));
    a.close();
    b.close();
  });

  it('keeps fields of a newer version for later, and applies them once this version knows them', () => {
    const a = device();
    const b = device();
    const id = a.write((w) => w.insert('deals', { title: 'Expansion' }));
    const [insert] = log(a);
    // A newer app added deals.forecast_category and a table of its own.
    const newer: ChangeEntry[] = [
      insert!,
      {
        ...insert!,
        seq: insert!.lastSeq + 1,
        lastSeq: insert!.lastSeq + 2,
        hlc: formatHlc({ wall: T0 + 1000, counter: 0, device: a.deviceId }),
        schemaV: 99,
        changes: [[id, { title: ['Expansion 2027', null], forecast_category: ['commit', null] }]],
      },
      {
        ...insert!,
        seq: insert!.lastSeq + 3,
        lastSeq: insert!.lastSeq + 3,
        hlc: formatHlc({ wall: T0 + 2000, counter: 0, device: a.deviceId }),
        schemaV: 99,
        table: 'territories',
        changes: [['t1', { name: 'EMEA' }]],
      },
    ];
    const result = b.applyRemote(newer);
    expect(result.applied).toBe(3);
    expect(result.pending).toBe(2);
    expect(deal(b, id).title).toBe('Expansion 2027');
    expect(b.db.prepare('SELECT tbl, col, value FROM sync_pending ORDER BY seq').all()).toEqual([
      { tbl: 'deals', col: 'forecast_category', value: 'commit' },
      { tbl: 'territories', col: 'name', value: 'EMEA' },
    ]);

    // The upgrade brings the column; the kept field lands at the next open.
    const path = b.path;
    b.close();
    const raw = new Database(path);
    raw.exec('ALTER TABLE deals ADD COLUMN forecast_category TEXT');
    raw.close();
    const upgraded = Store.open({ path, now: () => T0 });
    expect(deal(upgraded, id).forecast_category).toBe('commit');
    expect(upgraded.db.prepare('SELECT tbl FROM sync_pending').all()).toEqual([
      { tbl: 'territories' },
    ]);
    upgraded.close();
    a.close();
  });

  it('a new device starts from a snapshot and then takes the ops after it', () => {
    const a = device();
    for (let i = 0; i < 5; i++) a.write((w) => w.insert('accounts', { name: `Account ${i}` }));
    const snapshot = a.snapshot();
    const id = a.write((w) => w.insert('deals', { title: 'After the snapshot' }));
    const b = device();
    b.applySnapshot(snapshot);
    expect(b.appliedVector()).toEqual({ [a.deviceId]: snapshot.vector[a.deviceId] });
    const after = b.applyRemote(log(a));
    expect(after.applied).toBe(1);
    expect(deal(b, id).title).toBe('After the snapshot');
    expect(contentHash(a)).toBe(contentHash(b));
    a.close();
    b.close();
  });
});
