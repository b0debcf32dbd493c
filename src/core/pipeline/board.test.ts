import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../../../tests/helpers/tempDir';
import { ApiError } from '../../shared/contract';
import { DAY_MS, isRotting } from '../../shared/domain';
import { createCore, type Core } from '../createCore';
import { defaultStageId } from './defaults';

const NEW_LEAD = defaultStageId('new-lead');
const DEMO = defaultStageId('demo');
const PROPOSAL = defaultStageId('proposal');
const WON = defaultStageId('won');
const LOST = defaultStageId('lost');

async function setUp(now = () => Date.now()): Promise<Core> {
  const core = createCore({ dbPath: tempDbPath(), now });
  await core.call('team.setup', {
    teamName: 'Northwind',
    userName: 'Ada Admin',
    email: 'ada@northwind.example',
    currency: 'EUR',
  });
  return core;
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const titles = (cards: { title: string }[]) => cards.map((c) => c.title);

describe('the board', () => {
  it('sums each column in SQL: count, value and probability-weighted value per currency', async () => {
    const core = await setUp();
    await core.call('deals.create', { title: 'A', stageId: DEMO, valueMinor: 10_000_00 });
    await core.call('deals.create', { title: 'B', stageId: DEMO, valueMinor: 5_000_00 });
    await core.call('deals.create', {
      title: 'C',
      stageId: DEMO,
      valueMinor: 2_000_00,
      currency: 'USD',
    });
    await core.call('deals.create', { title: 'D', stageId: PROPOSAL, valueMinor: 1_000_00 });
    const { columns } = await core.call('board.load', {});
    const demo = columns.find((c) => c.stageId === DEMO)!;
    expect(demo.count).toBe(3);
    // Demo is 40%: weighted value is 40% of the sum, per currency, largest first.
    expect(demo.totals).toEqual([
      { currency: 'EUR', valueMinor: 15_000_00, weightedMinor: 6_000_00 },
      { currency: 'USD', valueMinor: 2_000_00, weightedMinor: 800_00 },
    ]);
    expect(titles(demo.cards).sort()).toEqual(['A', 'B', 'C']);
    expect(columns.find((c) => c.stageId === PROPOSAL)).toMatchObject({
      count: 1,
      totals: [{ weightedMinor: 600_00 }],
    });
    expect(columns.map((c) => c.stageId)).toContain(defaultStageId('advocate'));
    core.close();
  });

  it('loads the first cards of each column and pages the rest, in board order', async () => {
    const core = await setUp();
    for (let i = 0; i < 45; i++) await core.call('deals.create', { title: `Lead ${i}` });
    const board = await core.call('board.load', { cardsPerColumn: 20 });
    const column = board.columns.find((c) => c.stageId === NEW_LEAD)!;
    expect(column.count).toBe(45);
    // New deals go on top.
    expect(titles(column.cards).slice(0, 2)).toEqual(['Lead 44', 'Lead 43']);
    const next = await core.call('board.cards', { stageId: NEW_LEAD, offset: 20, limit: 20 });
    const rest = await core.call('board.cards', { stageId: NEW_LEAD, offset: 40, limit: 20 });
    const all = [...column.cards, ...next.cards, ...rest.cards].map((c) => c.title);
    expect(new Set(all).size).toBe(45);
    expect(all[44]).toBe('Lead 0');
    core.close();
  });

  it('filters by owner, value range, text, rotting and follow-up due, for counts and cards alike', async () => {
    let now = Date.UTC(2026, 10, 2, 10);
    const core = await setUp(() => now);
    const me = (await core.call('app.info')).currentUser!.id;
    const stale = await core.call('deals.create', { title: 'Stale lead', valueMinor: 100_00 });
    now += 3 * DAY_MS; // New lead rots after 2 days without activity
    await core.call('deals.create', {
      title: 'Fresh lead',
      valueMinor: 900_00,
      ownerId: null,
      followUpAt: now - 1,
    });
    await core.call('deals.create', { title: 'Big demo', stageId: DEMO, valueMinor: 50_000_00 });

    const count = async (filters: object) =>
      (await core.call('board.load', { filters })).columns.reduce((sum, c) => sum + c.count, 0);
    expect(await count({})).toBe(3);
    expect(await count({ ownerIds: [null] })).toBe(1);
    expect(await count({ ownerIds: [me] })).toBe(2);
    expect(await count({ minValueMinor: 500_00, maxValueMinor: 1_000_00 })).toBe(1);
    expect(await count({ query: 'lead' })).toBe(2);
    expect(await count({ followUpDueBefore: now })).toBe(1);
    expect(await count({ phaseIds: ['acquisition'] })).toBe(1);

    const rotting = await core.call('board.load', { filters: { rottingOnly: true } });
    const cards = rotting.columns.flatMap((c) => c.cards);
    expect(titles(cards)).toEqual(['Stale lead']);
    expect(cards[0]).toMatchObject({ id: stale.id, rotting: true });
    // The SQL and the shared rule agree.
    const stages = (await core.call('stages.list')).stages;
    expect(
      isRotting(
        { status: 'open', lastActivityAt: stale.lastActivityAt },
        stages.find((s) => s.id === NEW_LEAD),
        now,
      ),
    ).toBe(true);
    core.close();
  });
});

describe('moving deals', () => {
  it('places a card between two others, and the order survives', async () => {
    const core = await setUp();
    const deals = [];
    for (const title of ['C', 'B', 'A'])
      deals.push(await core.call('deals.create', { title, stageId: DEMO }));
    // Column reads A, B, C (newest on top). Put C between A and B.
    const [dealC, dealB, dealA] = deals;
    await core.call('deals.move', {
      id: dealC!.id,
      stageId: DEMO,
      afterId: dealA!.id,
      beforeId: dealB!.id,
    });
    expect(titles((await core.call('board.cards', { stageId: DEMO })).cards)).toEqual([
      'A',
      'C',
      'B',
    ]);
    // Only a neighbour given: just after it.
    await core.call('deals.move', { id: dealA!.id, stageId: DEMO, afterId: dealB!.id });
    expect(titles((await core.call('board.cards', { stageId: DEMO })).cards)).toEqual([
      'C',
      'B',
      'A',
    ]);
    core.close();
  });

  it('moves across stages with a stage-history entry, and renumbers a column whose gap is used up', async () => {
    const core = await setUp();
    const top = await core.call('deals.create', { title: 'Top', stageId: PROPOSAL });
    const mover = await core.call('deals.create', { title: 'Mover', stageId: DEMO });
    const bottom = await core.call('deals.create', { title: 'Bottom', stageId: PROPOSAL });
    // Bottom was created last, so it is on top; put things in a known order first.
    await core.call('deals.move', { id: top.id, stageId: PROPOSAL, afterId: bottom.id });
    const moved = await core.call('deals.move', {
      id: mover.id,
      stageId: PROPOSAL,
      afterId: bottom.id,
    });
    expect(moved).toMatchObject({ stageId: PROPOSAL, status: 'open' });
    expect(titles((await core.call('board.cards', { stageId: PROPOSAL })).cards)).toEqual([
      'Bottom',
      'Mover',
      'Top',
    ]);
    const detail = await core.call('deals.get', { id: mover.id });
    expect(detail.stageHistory.map((m) => m.toStageId)).toEqual([DEMO, PROPOSAL]);

    // Splitting the same gap again and again exhausts a double's precision: the column is renumbered.
    const extra = await core.call('deals.create', { title: 'X', stageId: PROPOSAL });
    for (let i = 0; i < 80; i++) {
      await core.call('deals.move', { id: extra.id, stageId: PROPOSAL, afterId: bottom.id });
      await core.call('deals.move', { id: mover.id, stageId: PROPOSAL, afterId: bottom.id });
    }
    expect(titles((await core.call('board.cards', { stageId: PROPOSAL })).cards)).toEqual([
      'Bottom',
      'Mover',
      'X',
      'Top',
    ]);
    core.close();
  });

  it('asks for a reason to move a deal to Won or Lost, and keeps it', async () => {
    const core = await setUp();
    const deal = await core.call('deals.create', { title: 'Initech', stageId: PROPOSAL });
    const missing = await failure(core.call('deals.move', { id: deal.id, stageId: WON }));
    expect(missing).toMatchObject({ code: 'invalid_input', field: 'reason' });
    expect(missing.message).toBe('deals.move: reason: say why the deal was won to move it to Won');
    expect((await core.call('deals.get', { id: deal.id })).stageId).toBe(PROPOSAL);

    const lost = await core.call('deals.move', {
      id: deal.id,
      stageId: LOST,
      reason: 'Went with a competitor',
    });
    expect(lost).toMatchObject({ status: 'lost', closeReason: 'Went with a competitor' });
    const blank = await failure(
      core.call('deals.update', { id: deal.id, patch: { stageId: WON, closeReason: ' ' } }),
    );
    expect(blank.field).toBe('patch.closeReason');
    core.close();
  });

  it('refuses a neighbour from another column', async () => {
    const core = await setUp();
    const a = await core.call('deals.create', { title: 'A', stageId: DEMO });
    const b = await core.call('deals.create', { title: 'B', stageId: PROPOSAL });
    const error = await failure(
      core.call('deals.move', { id: a.id, stageId: DEMO, afterId: b.id }),
    );
    expect(error).toMatchObject({
      field: 'afterId',
      message: 'deals.move: afterId: that deal is not in the target stage',
    });
    core.close();
  });
});

describe('bulk edits', () => {
  it('reassigns and moves many deals in one transaction', async () => {
    const core = await setUp();
    const ids = [];
    for (let i = 0; i < 5; i++)
      ids.push((await core.call('deals.create', { title: `D${i}`, ownerId: null })).id);
    const me = (await core.call('app.info')).currentUser!.id;
    expect(
      await core.call('deals.bulkUpdate', { ids, patch: { ownerId: me, stageId: DEMO } }),
    ).toEqual({ updated: 5 });
    const page = await core.call('deals.list', { filters: { stageIds: [DEMO], ownerIds: [me] } });
    expect(page.total).toBe(5);

    const seq = core.store.lastSeq;
    const bad = await failure(
      core.call('deals.bulkUpdate', {
        ids: [...ids, '0190f2a4-0000-7000-8000-00000000dead'],
        patch: { ownerId: null },
      }),
    );
    expect(bad).toMatchObject({ field: 'ids' });
    expect(core.store.lastSeq).toBe(seq); // nothing of it was written
    expect(
      (await failure(core.call('deals.bulkUpdate', { ids, patch: { stageId: WON } }))).field,
    ).toBe('patch.reason');
    core.close();
  });
});

describe('stage administration', () => {
  it('lets an admin add, rename, reorder and remove stages; deals move out first', async () => {
    const core = await setUp();
    const added = await core.call('stages.create', {
      name: 'Security review',
      phaseId: 'conversion',
      probability: 70,
      rottingDays: 10,
      afterStageId: PROPOSAL,
    });
    let stages = (await core.call('stages.list')).stages.filter((s) => s.phaseId === 'conversion');
    expect(stages.map((s) => s.name)).toEqual([
      'Proposal',
      'Security review',
      'Negotiation',
      'Won',
      'Lost',
    ]);

    await core.call('stages.update', {
      id: added.id,
      patch: { name: 'Security & legal', probability: 75 },
    });
    await core.call('stages.reorder', {
      phaseId: 'conversion',
      stageIds: [added.id, ...stages.filter((s) => s.id !== added.id).map((s) => s.id)],
    });
    stages = (await core.call('stages.list')).stages.filter((s) => s.phaseId === 'conversion');
    expect(stages[0]).toMatchObject({ name: 'Security & legal', probability: 75 });

    const deal = await core.call('deals.create', { title: 'Under review', stageId: added.id });
    const needsTarget = await failure(core.call('stages.delete', { id: added.id }));
    expect(needsTarget).toMatchObject({ field: 'moveDealsTo' });
    expect(needsTarget.message).toMatch(/1 deals are in Security & legal/);
    expect(await core.call('stages.delete', { id: added.id, moveDealsTo: PROPOSAL })).toEqual({
      movedDeals: 1,
    });
    expect((await core.call('deals.get', { id: deal.id })).stageId).toBe(PROPOSAL);
    expect((await core.call('stages.list')).stages.some((s) => s.id === added.id)).toBe(false);

    expect((await failure(core.call('stages.delete', { id: WON }))).code).toBe('conflict');
    const partial = await failure(
      core.call('stages.reorder', { phaseId: 'conversion', stageIds: [WON] }),
    );
    expect(partial.field).toBe('stageIds');
    core.close();
  });

  it('refuses stage changes from anyone but an admin', async () => {
    const core = createCore({ dbPath: tempDbPath() });
    const error = await failure(
      core.call('stages.create', { name: 'X', phaseId: 'reach', probability: 1 }),
    );
    expect(error).toMatchObject({
      code: 'unauthorized',
      message: 'only admin users can change the pipeline stages',
    });
    core.close();
  });
});

describe('search', () => {
  it('finds deals, contacts, accounts and notes as you type, right after they were written', async () => {
    const core = await setUp();
    const acme = await core.call('accounts.create', {
      name: 'Acme Logistics',
      domain: 'acme.example',
    });
    const deal = await core.call('deals.create', {
      title: 'Fleet tracking rollout',
      accountId: acme.id,
    });
    core.store.write((w) =>
      w.insert('notes', {
        deal_id: deal.id,
        body: 'The CFO wants quarterly invoicing and a pilot in Rotterdam.',
      }),
    );
    const results = async (query: string) => (await core.call('search.query', { query })).results;

    expect((await results('fleet')).map((r) => [r.kind, r.title])).toEqual([
      ['deal', 'Fleet tracking rollout'],
    ]);
    expect((await results('acm')).map((r) => r.kind).sort()).toEqual(['account', 'deal']);
    const [note] = await results('rotterd');
    expect(note).toMatchObject({ kind: 'note', title: 'Fleet tracking rollout', dealId: deal.id });
    expect(note!.snippet).toContain('«Rotterdam»');

    // Words may be spread over a deal's title and a note's text; a document whose title holds
    // the words comes before one that only mentions them.
    expect((await results('fleet acme')).map((r) => [r.kind, r.title])).toEqual([
      ['deal', 'Fleet tracking rollout'],
    ]);
    core.store.write((w) =>
      w.insert('notes', { deal_id: deal.id, body: 'The rollout starts in March.' }),
    );
    expect((await results('rollout')).map((r) => r.kind)).toEqual(['deal', 'note']);
    // One or two letters already find something, while the person types on.
    expect((await results('ro')).map((r) => r.kind).sort()).toEqual(['deal', 'note', 'note']);

    // Renaming the account re-indexes its deals.
    core.store.write((w) => w.update('accounts', acme.id, { name: 'Globex Freight' }));
    expect((await results('globex')).map((r) => r.kind).sort()).toEqual(['account', 'deal']);
    expect(await results('acme logistics')).toEqual([]);
    // Deleted records leave the index.
    core.store.write((w) => w.remove('deals', deal.id));
    expect((await results('fleet')).length).toBe(0);
    core.close();
  });

  it('shares the list between kinds: an account named in thirty deal titles is found too', async () => {
    const core = await setUp();
    // Short deal titles outrank the account's long name and its domain and industry.
    const grady = await core.call('accounts.create', {
      name: 'Grady Freight and Logistics International Holdings',
      domain: 'grady-freight.example',
      industry: 'Logistics',
    });
    for (let i = 0; i < 40; i++) await core.call('deals.create', { title: `Other deal ${i}` });
    for (let i = 0; i < 30; i++) {
      await core.call('deals.create', {
        title: `Grady Freight — renewal ${i}`,
        accountId: grady.id,
      });
    }
    const { results } = await core.call('search.query', { query: 'grady', limit: 10 });
    expect(results).toHaveLength(10);
    expect(results.filter((r) => r.kind === 'account').map((r) => r.title)).toEqual([
      'Grady Freight and Logistics International Holdings',
    ]);
    core.close();
  });

  it('indexes a bulk write by replaying the log, and a rebuild from the tables agrees', async () => {
    const core = await setUp();
    core.store.write((w) => {
      w.insertMany(
        'deals',
        Array.from({ length: 6_000 }, (_, i) => ({
          title: `Bulk deal ${i} ${i % 7 === 0 ? 'sapphire' : 'amber'}`,
          stage_id: NEW_LEAD,
        })),
      );
    });
    const search = async () =>
      (await core.call('search.query', { query: 'sapphire', limit: 50 })).results
        .map((r) => r.id)
        .sort();
    const replayed = await search();
    expect(replayed).toHaveLength(50);
    expect(core.context.search.backlog()).toBe(0);
    const docs = () =>
      (
        core.store.db
          .prepare(`SELECT count(*) AS n FROM search_docs WHERE kind = 'deal'`)
          .get() as { n: number }
      ).n;
    expect(docs()).toBe(6_000);

    core.context.search.rebuild();
    expect(docs()).toBe(6_000);
    const hits = (
      core.store.db
        .prepare(`SELECT count(*) AS n FROM search_index WHERE search_index MATCH '"sapphire"*'`)
        .get() as { n: number }
    ).n;
    expect(hits).toBe(Math.ceil(6_000 / 7));
    expect(await search()).toHaveLength(50);
    core.close();
  });
});
