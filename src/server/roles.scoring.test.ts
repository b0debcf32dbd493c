/**
 * The server's per-op check for call transcripts and scores: both rows have the call's id, and
 * the call's rep owns them. Facts are what the server knows of each row (see FACT_COLUMNS).
 */
import { describe, expect, it } from 'vitest';
import { formatHlc } from '../shared/hlc';
import { derivedId } from '../shared/ids';
import type { ServerUser, WireEntry } from '../shared/serverApi';
import { checkEntry } from './roles';
import { factsOf, type FactsReader } from './storage/types';

const DEVICE = '0123456789abcdef';
const person = (name: string, role: ServerUser['role']): ServerUser => ({
  id: name,
  name,
  email: `${name}@kestrel.example`,
  role,
});
const rita = person('rita', 'rep');
const ray = person('ray', 'rep');
const sue = person('sue', 'success');
const max = person('max', 'manager');
const ritaId = derivedId('user', rita.email);
const rayId = derivedId('user', ray.email);

/** What the server knows: Rita's call, and a call it has not heard of. */
function facts(extra: Record<string, unknown> = {}): FactsReader {
  const known: Record<string, unknown> = { 'calls/call-rita/rep_id': ritaId, ...extra };
  return {
    get: (table, row, column) => Promise.resolve(known[`${table}/${row}/${column}`] as never),
  };
}

const entry = (
  table: 'call_transcripts' | 'call_scores',
  rowId: string,
  fields: Record<string, unknown>,
  edit = false,
): WireEntry => ({
  device: DEVICE,
  seq: 1,
  lastSeq: 1,
  hlc: formatHlc({ wall: Date.parse('2025-03-12T10:00:00Z'), counter: 0, device: DEVICE }),
  table,
  schemaV: 9,
  changes: [
    [
      rowId,
      Object.fromEntries(
        Object.entries(fields).map(([k, v]) => [k, edit ? [v, null] : v]),
      ) as WireEntry['changes'][number][1],
    ],
  ],
});

describe('who may change call transcripts and scores, on the server', () => {
  it('the call’s rep may; another rep or customer success may not, and is told why', async () => {
    for (const table of ['call_transcripts', 'call_scores'] as const) {
      const fields = table === 'call_scores' ? { rep_id: ritaId, overall: 72 } : { format: 'srt' };
      expect(await checkEntry(rita, entry(table, 'call-rita', fields), facts())).toBeNull();
      const refused = await checkEntry(ray, entry(table, 'call-rita', fields), facts());
      expect(refused).toMatch(/of their own calls only; this call is someone else’s/);
      expect(await checkEntry(sue, entry(table, 'call-rita', fields, true), facts())).toMatch(
        /own calls only/,
      );
      expect(await checkEntry(max, entry(table, 'call-rita', fields, true), facts())).toBeNull();
    }
  });

  it('a score cannot be claimed by writing one’s own id into it', async () => {
    const claimed = entry('call_scores', 'call-rita', { rep_id: rayId, overall: 99 });
    expect(await checkEntry(ray, claimed, facts())).toMatch(/carries the call’s rep/);
    // Nor can a rep's own call be scored in another rep's name (it would count on their numbers).
    const framed = entry('call_scores', 'call-ray', { rep_id: ritaId, overall: 5 });
    expect(await checkEntry(ray, framed, facts({ 'calls/call-ray/rep_id': rayId }))).toMatch(
      /carries the call’s rep/,
    );
  });

  it('before the server has seen the call, a score counts by the rep it carries', async () => {
    const own = entry('call_scores', 'call-new', { rep_id: rayId, overall: 60 });
    expect(await checkEntry(ray, own, facts())).toBeNull();
    const others = entry('call_scores', 'call-new', { rep_id: ritaId, overall: 60 });
    expect(await checkEntry(ray, others, facts())).toMatch(/own calls only/);
    // An edit of a known score: the rep it was stored with.
    const known = facts({ 'call_scores/call-old/rep_id': ritaId });
    expect(
      await checkEntry(ray, entry('call_scores', 'call-old', { overall: 1 }, true), known),
    ).toMatch(/own calls only/);
    // A transcript of a call nobody has pushed yet is let through, like a stage move of an
    // unknown deal: the call's own op comes first from the laptop that made it.
    expect(
      await checkEntry(ray, entry('call_transcripts', 'call-new', { format: 'srt' }), facts()),
    ).toBeNull();
  });

  it('the server keeps each score’s rep as a fact', () => {
    const scored = entry('call_scores', 'call-rita', { rep_id: ritaId, overall: 72 });
    expect(factsOf(scored)).toEqual([
      {
        table: 'call_scores',
        rowId: 'call-rita',
        column: 'rep_id',
        value: ritaId,
        hlc: scored.hlc,
      },
    ]);
  });
});
