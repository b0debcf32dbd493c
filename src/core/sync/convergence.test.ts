import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../../../tests/helpers/tempDir';
import { contentHash } from '../store/contentHash';
import { Store } from '../store/store';
import { parseColumnDefault } from '../store/syncedTables';
import type { ChangeEntry } from './types';

/**
 * Convergence, as a property: 2 to 6 devices make random edits of the same and of different
 * fields (inserts with shared ids, edits, deletes), ops are delivered in random order, in random
 * partial batches, with duplicates and with devices cut off for a while; in the end every device
 * gets everything. Then every database holds the same content, equal to a reference replay
 * (per field, the op with the newest clock), and applying everything again changes nothing.
 */

const ROWS = [
  '0190000000000000000000000000000a',
  '0190000000000000000000000000000b',
  '0190000000000000000000000000000c',
];
const FIELDS = ['title', 'value_minor', 'next_step'] as const;

type Command =
  | { kind: 'edit'; device: number; row: number; field: number; value: number }
  | { kind: 'remove'; device: number; row: number }
  | { kind: 'deliver'; from: number; to: number; count: number }
  | { kind: 'replay'; from: number; to: number }
  | { kind: 'tick'; device: number; ms: number };

const command = (devices: number): fc.Arbitrary<Command> =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('edit' as const),
        device: fc.nat(devices - 1),
        row: fc.nat(ROWS.length - 1),
        field: fc.nat(FIELDS.length - 1),
        value: fc.nat(5),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('remove' as const),
        device: fc.nat(devices - 1),
        row: fc.nat(ROWS.length - 1),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('deliver' as const),
        from: fc.nat(devices - 1),
        to: fc.nat(devices - 1),
        count: fc.integer({ min: 1, max: 4 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('replay' as const),
        from: fc.nat(devices - 1),
        to: fc.nat(devices - 1),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('tick' as const),
        device: fc.nat(devices - 1),
        // Clocks that jump, also backwards: the HLC keeps each device's clock monotonic.
        ms: fc.integer({ min: -3_600_000, max: 3_600_000 }),
      }),
    },
  );

const scenario = fc.integer({ min: 2, max: 6 }).chain((devices) =>
  fc.record({
    devices: fc.constant(devices),
    // Each device's clock is off by up to an hour either way.
    skews: fc.array(fc.integer({ min: -3_600_000, max: 3_600_000 }), {
      minLength: devices,
      maxLength: devices,
    }),
    commands: fc.array(command(devices), { minLength: 5, maxLength: 60 }),
  }),
);

function fieldValue(field: (typeof FIELDS)[number], value: number): string | number {
  return field === 'value_minor' ? value * 100 : `${field} ${value}`;
}

/** The whole log of a device's own writes, as entries. */
function ownLog(store: Store): ChangeEntry[] {
  return store.ownEntriesAfter(0, Number.MAX_SAFE_INTEGER);
}

/**
 * Per field of the deals, the value of the op with the newest clock, from every device's log.
 * An insert sets the whole row: the fields it does not name hold their column defaults.
 */
function referenceReplay(
  logs: ChangeEntry[][],
  defaults: Map<string, unknown>,
): Map<string, unknown> {
  const newest = new Map<string, { hlc: string; value: unknown }>();
  const offer = (key: string, hlc: string, value: unknown) => {
    const known = newest.get(key);
    if (!known || hlc > known.hlc) newest.set(key, { hlc, value });
  };
  for (const log of logs) {
    for (const entry of log) {
      if (entry.table !== 'deals') continue;
      for (const [rowId, fields] of entry.changes) {
        const values = Object.entries(fields);
        const isInsert = values.every(([, raw]) => !Array.isArray(raw));
        for (const [col, raw] of values)
          offer(`${rowId}.${col}`, entry.hlc, Array.isArray(raw) ? raw[0] : raw);
        if (isInsert) {
          for (const [col, value] of defaults)
            if (!(col in fields)) offer(`${rowId}.${col}`, entry.hlc, value);
        }
      }
    }
  }
  return new Map([...newest].map(([key, { value }]) => [key, value]));
}

function dealDefaults(store: Store): Map<string, unknown> {
  const info = store.db.pragma('table_info(deals)') as {
    name: string;
    dflt_value: string | null;
  }[];
  return new Map(
    info
      .filter((c) => !['id', 'updated_at', 'sync_clock'].includes(c.name))
      .map((c) => [c.name, parseColumnDefault(c.dflt_value)]),
  );
}

function dealFields(store: Store, keys: Iterable<string>): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const key of keys) {
    const [rowId, col] = key.split('.') as [string, string];
    const row = store.db.prepare(`SELECT ${col} AS v FROM deals WHERE id = ?`).get(rowId) as
      { v: unknown } | undefined;
    values.set(key, row?.v);
  }
  return values;
}

describe('sync convergence', () => {
  it('every device ends with the same content, equal to a reference replay, whatever the delivery', () => {
    fc.assert(
      fc.property(scenario, ({ skews, commands }) => {
        const base = Date.UTC(2026, 10, 30, 9);
        const clocks = skews.map((skew) => base + skew);
        const stores = clocks.map((_, i) =>
          Store.open({ path: tempDbPath(), now: () => clocks[i]! }),
        );
        // How far each device has delivered each other device's log (a cursor per pair).
        const delivered = stores.map(() => stores.map(() => 0));
        try {
          for (const cmd of commands) {
            if (cmd.kind === 'tick') {
              clocks[cmd.device]! += cmd.ms;
            } else if (cmd.kind === 'edit' || cmd.kind === 'remove') {
              const store = stores[cmd.device]!;
              clocks[cmd.device]! += 1;
              const id = ROWS[cmd.row]!;
              store.write((w) => {
                const exists = w.get('SELECT 1 AS x FROM deals WHERE id = ?', id);
                if (cmd.kind === 'remove') {
                  if (exists) w.remove('deals', id);
                  return;
                }
                const field = FIELDS[cmd.field]!;
                const value = fieldValue(field, cmd.value);
                if (exists) w.update('deals', id, { [field]: value });
                else w.insert('deals', { id, title: `deal ${cmd.row}`, [field]: value });
              });
            } else if (cmd.from !== cmd.to) {
              const log = ownLog(stores[cmd.from]!);
              const target = stores[cmd.to]!;
              if (cmd.kind === 'deliver') {
                // The next few entries, in order: a partition is a pair never delivered for a while.
                const start = delivered[cmd.to]![cmd.from]!;
                const batch = log.slice(start, start + cmd.count);
                target.applyRemote(batch);
                delivered[cmd.to]![cmd.from] = start + batch.length;
              } else {
                // Everything delivered so far, again: duplicates change nothing.
                target.applyRemote(log.slice(0, delivered[cmd.to]![cmd.from]));
              }
            }
          }
          // The partitions heal: every device gets every log, devices in random-ish order.
          const logs = stores.map(ownLog);
          for (let round = 0; round < 2; round++) {
            stores.forEach((store, to) => {
              logs.forEach((log, from) => {
                if (from !== to) store.applyRemote(round === 0 ? log : [...log].reverse());
              });
            });
          }
          const hashes = stores.map(contentHash);
          expect(new Set(hashes).size).toBe(1);

          const reference = referenceReplay(logs, dealDefaults(stores[0]!));
          for (const store of stores) {
            expect(dealFields(store, reference.keys())).toEqual(reference);
          }

          // Applying everything once more changes nothing.
          stores.forEach((store, to) => {
            for (const [from, log] of logs.entries()) {
              if (from === to) continue;
              const result = store.applyRemote(log);
              expect(result.applied).toBe(0);
            }
          });
          expect(stores.map(contentHash)).toEqual(hashes);
        } finally {
          for (const store of stores) store.close();
        }
      }),
      { numRuns: Number(process.env.SYNC_PROPERTY_RUNS ?? 120) },
    );
  }, 600_000);
});
