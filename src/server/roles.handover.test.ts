/**
 * The server's per-op check for handovers: the deal's owner (the author) writes, addresses and
 * submits; the success owner it was given to reviews, comments and decides; a manager does all;
 * each side may leave the other a reminder about it, and nobody else anyone. Facts are what the
 * server knows of each row (see FACT_COLUMNS).
 */
import { describe, expect, it } from 'vitest';
import { formatHlc } from '../shared/hlc';
import { derivedId } from '../shared/ids';
import type { ServerUser, WireEntry } from '../shared/serverApi';
import { checkEntry } from './roles';
import type { FactsReader } from './storage/types';

const DEVICE = '0123456789abcdef';
const person = (name: string, role: ServerUser['role']): ServerUser => ({
  id: name,
  name,
  email: `${name}@kestrel.example`,
  role,
});
const ada = person('ada', 'rep');
const rita = person('rita', 'rep');
const sam = person('sam', 'success');
const sue = person('sue', 'success');
const max = person('max', 'manager');
const idOf = (user: ServerUser) => derivedId('user', user.email);

const DEAL = 'deal-ada';
const HANDOVER = derivedId('handover', DEAL);

/** Ada's deal and its handover, given to Sam. */
function facts(extra: Record<string, unknown> = {}): FactsReader {
  const known: Record<string, unknown> = {
    [`deals/${DEAL}/owner_id`]: idOf(ada),
    [`handovers/${HANDOVER}/deal_id`]: DEAL,
    [`handovers/${HANDOVER}/author_id`]: idOf(ada),
    [`handovers/${HANDOVER}/success_owner_id`]: idOf(sam),
    'handover_sections/section-goals/handover_id': HANDOVER,
    'handover_comments/comment-1/handover_id': HANDOVER,
    'handover_versions/version-1/handover_id': HANDOVER,
    ...extra,
  };
  return {
    get: (table, row, column) => Promise.resolve(known[`${table}/${row}/${column}`] as never),
  };
}

const entry = (
  table: string,
  rowId: string,
  fields: Record<string, unknown>,
  edit = false,
): WireEntry => ({
  device: DEVICE,
  seq: 1,
  lastSeq: 1,
  hlc: formatHlc({ wall: Date.parse('2026-11-05T10:00:00Z'), counter: 0, device: DEVICE }),
  table,
  schemaV: 10,
  changes: [
    [
      rowId,
      Object.fromEntries(
        Object.entries(fields).map(([k, v]) => [k, edit ? [v, null] : v]),
      ) as WireEntry['changes'][number][1],
    ],
  ],
});

describe('who may change handovers, on the server', () => {
  it('the deal’s owner makes the draft and writes it; another rep or success person may not', async () => {
    const draft = entry('handovers', HANDOVER, {
      deal_id: DEAL,
      author_id: idOf(ada),
      status: 'draft',
      template_version: 1,
    });
    const fresh = facts({
      [`handovers/${HANDOVER}/deal_id`]: undefined,
      [`handovers/${HANDOVER}/author_id`]: undefined,
      [`handovers/${HANDOVER}/success_owner_id`]: undefined,
    });
    expect(await checkEntry(ada, draft, fresh)).toBeNull();
    const section = entry('handover_sections', 'section-goals', { body: 'Cut costs' }, true);
    expect(await checkEntry(ada, section, facts())).toBeNull();
    expect(await checkEntry(rita, section, facts())).toMatch(/only the author of a handover/);
    expect(await checkEntry(sam, section, facts())).toMatch(/only the author of a handover/);
    expect(await checkEntry(max, section, facts())).toBeNull();
  });

  it('the author addresses and submits; only the success owner reviews and decides', async () => {
    const submit = entry(
      'handovers',
      HANDOVER,
      { status: 'submitted', submitted_at: 1, current_version: 1, success_owner_id: idOf(sam) },
      true,
    );
    expect(await checkEntry(ada, submit, facts())).toBeNull();
    const version = entry('handover_versions', 'version-1', {
      handover_id: HANDOVER,
      number: 1,
      sections: '[]',
      submitted_by: idOf(ada),
    });
    expect(await checkEntry(ada, version, facts())).toBeNull();
    expect(await checkEntry(sam, version, facts())).toMatch(/only the author/);

    for (const status of ['in_review', 'accepted', 'changes_requested']) {
      const decide = entry('handovers', HANDOVER, { status, decided_by: idOf(sam) }, true);
      expect(await checkEntry(sam, decide, facts())).toBeNull();
      expect(await checkEntry(ada, decide, facts())).toMatch(
        /only the success owner a handover was given to \(or a manager\) reviews and decides it/,
      );
      expect(await checkEntry(sue, decide, facts())).toMatch(/only the success owner/);
      expect(await checkEntry(max, decide, facts())).toBeNull();
    }
    const verdict = entry('handover_versions', 'version-1', { decision: 'accepted' }, true);
    expect(await checkEntry(sam, verdict, facts())).toBeNull();
    expect(await checkEntry(ada, verdict, facts())).toMatch(/only the success owner/);
    // The owner decides; the text and the addressee stay the author's.
    const rewrite = entry('handovers', HANDOVER, { success_owner_id: idOf(sue) }, true);
    expect(await checkEntry(sam, rewrite, facts())).toMatch(/only the author/);
    const backToDraft = entry('handovers', HANDOVER, { status: 'draft' }, true);
    expect(await checkEntry(sam, backToDraft, facts())).toMatch(/only the author/);
    const unknown = entry('handovers', HANDOVER, { status: 'archived' }, true);
    expect(await checkEntry(sam, unknown, facts())).toMatch(/status archived is none of these/);
  });

  it('a rep who names themselves the owner still cannot decide', async () => {
    const own = facts({ [`handovers/${HANDOVER}/success_owner_id`]: idOf(ada) });
    const accept = entry('handovers', HANDOVER, { status: 'accepted' }, true);
    expect(await checkEntry(ada, accept, own)).toMatch(/only the success owner/);
  });

  it('both sides comment; nobody else', async () => {
    const comment = entry('handover_comments', 'comment-2', {
      handover_id: HANDOVER,
      section_id: 'goals',
      author_id: idOf(sam),
      body: 'Which KPI?',
    });
    expect(await checkEntry(sam, comment, facts())).toBeNull();
    expect(await checkEntry(ada, comment, facts())).toBeNull();
    expect(await checkEntry(rita, comment, facts())).toMatch(
      /neither yours to write nor to decide/,
    );
    expect(await checkEntry(sue, comment, facts())).toMatch(/neither yours/);
    const resolve = entry('handover_comments', 'comment-1', { resolved_at: 5 }, true);
    expect(await checkEntry(ada, resolve, facts())).toBeNull();
    expect(await checkEntry(rita, resolve, facts())).toMatch(/neither yours/);
  });

  it('each side may hand the other a reminder about the handover’s deal, and nobody else one', async () => {
    const notice = (owner: ServerUser, dealId = DEAL) =>
      entry('follow_ups', `notice-${owner.name}`, {
        deal_id: dealId,
        owner_id: idOf(owner),
        due_at: 1,
        kind: 'task',
        title: 'Handover accepted',
      });
    expect(await checkEntry(sam, notice(ada), facts())).toBeNull();
    expect(await checkEntry(ada, notice(sam), facts())).toBeNull();
    expect(await checkEntry(ada, notice(rita), facts())).toMatch(/only their own follow ups/);
    expect(await checkEntry(rita, notice(ada), facts())).toMatch(/only their own follow ups/);
    expect(await checkEntry(sue, notice(ada), facts())).toMatch(/own follow ups/);
    expect(await checkEntry(sam, notice(ada, 'another-deal'), facts())).toMatch(/own follow ups/);
  });

  it('a part of a handover the server has not seen yet may be made, not changed', async () => {
    const unknown = derivedId('handover', 'deal-elsewhere');
    const section = entry('handover_sections', 'section-x', { handover_id: unknown, body: 'Hi' });
    expect(await checkEntry(rita, section, facts())).toBeNull();
    const edit = entry(
      'handover_sections',
      'section-x',
      { handover_id: unknown, body: 'Hi' },
      true,
    );
    expect(await checkEntry(rita, edit, facts())).toMatch(/not known to the server yet/);
  });
});
