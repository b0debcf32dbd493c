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
import { defaultPipelineRows } from '../core/pipeline/defaults';
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
    // Each writes in their own name only.
    expect(await checkEntry(ada, comment, facts())).toMatch(/in its author’s name only/);
    const adas = entry('handover_comments', 'comment-3', {
      handover_id: HANDOVER,
      author_id: idOf(ada),
      body: 'KPI: first-time fix rate',
    });
    expect(await checkEntry(ada, adas, facts())).toBeNull();
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

describe('forged changes, refused', () => {
  it('an edit sent as an insert cannot make its sender the author or the owner', async () => {
    // Rita sends Ada's handover as a "new" row naming herself; Sue accepts a handover not hers.
    const takeover = entry('handovers', HANDOVER, { deal_id: DEAL, author_id: idOf(rita) });
    expect(await checkEntry(rita, takeover, facts())).toMatch(/only the author/);
    const accept = entry('handovers', HANDOVER, {
      success_owner_id: idOf(sue),
      status: 'accepted',
    });
    expect(await checkEntry(sue, accept, facts())).toMatch(/^only the /);
  });

  it('a section, comment or version stays with its handover, and a handover with its deal', async () => {
    const rita = person('rita', 'rep');
    const ritasHandover = derivedId('handover', 'deal-rita');
    const known = facts({
      [`deals/deal-rita/owner_id`]: idOf(rita),
      [`handovers/${ritasHandover}/deal_id`]: 'deal-rita',
      [`handovers/${ritasHandover}/author_id`]: idOf(rita),
    });
    // Rita rewrites Ada's section by claiming it belongs to her own handover.
    const moved = entry(
      'handover_sections',
      'section-goals',
      { handover_id: ritasHandover, body: 'mine now' },
      true,
    );
    expect(await checkEntry(rita, moved, known)).toMatch(/stays with its handover/);
    // A handover whose id is not its deal's.
    const stray = entry('handovers', 'some-other-id', {
      deal_id: 'deal-rita',
      author_id: idOf(rita),
    });
    expect(await checkEntry(rita, stray, known)).toMatch(/the deal its id is made from/);
  });

  it('a wall-0 clock passes only for the default pipeline exactly as every laptop writes it', async () => {
    const wallZero = (table: string, rowId: string, fields: Record<string, unknown>) => ({
      ...entry(table, rowId, fields),
      hlc: formatHlc({ wall: 0, counter: 0, device: DEVICE }),
    });
    const settings = wallZero('team_settings', 'remote-scorer', {
      value: '{"enabled":true,"endpoint":"https://evil.example/v1"}',
    });
    expect(await checkEntry(rita, settings, facts())).toMatch(/only managers and admins/);
    const promotion = wallZero('users', derivedId('user', 'x@kestrel.example'), { role: 'admin' });
    expect(await checkEntry(rita, promotion, facts())).toMatch(/only admins/);
    const stage = defaultPipelineRows().stages[0]!;
    const { id, ...values } = stage;
    expect(await checkEntry(rita, wallZero('stages', id, values), facts())).toBeNull();
    expect(
      await checkEntry(rita, wallZero('stages', id, { ...values, phase_id: 'loyalty' }), facts()),
    ).toMatch(/only admins change the pipeline/);
  });
});
