import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../../../tests/helpers/tempDir';
import { ApiError } from '../../shared/contract';
import { createNote } from '../activity';
import { createCore, type Core } from '../createCore';
import { defaultStageId } from '../pipeline';

const DAY = 86_400_000;
const MISSING = '0190f2a4-0000-7000-8000-000000000000';

async function setUp() {
  const clock = { now: Date.UTC(2026, 5, 1, 12) };
  const core = createCore({ dbPath: tempDbPath(), now: () => clock.now });
  await core.call('team.setup', {
    teamName: 'Northwind',
    userName: 'Rita Rep',
    email: 'rita@northwind.example',
    currency: 'USD',
  });
  const me = (await core.call('app.info')).currentUser!;
  return { core, clock, me };
}

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function answer(
  core: Core,
  accountId: string,
  kind: 'nps' | 'csat',
  score: number,
  answeredAt: number,
) {
  return core.call('satisfaction.record', { accountId, kind, score, answeredAt });
}

describe('accounts', () => {
  it('creates an account with its firmographics; the deal form’s picker finds it by prefix', async () => {
    const { core, me } = await setUp();
    const acme = await core.call('accounts.create', {
      name: 'Acme Logistics',
      domain: 'ACME.example',
      industry: 'Logistics',
      employees: 240,
      region: 'EMEA',
      city: '',
      renewalAt: Date.UTC(2026, 11, 31),
      health: 'healthy',
    });
    expect(acme).toEqual({
      id: acme.id,
      name: 'Acme Logistics',
      domain: 'acme.example',
      industry: 'Logistics',
    });
    await core.call('accounts.create', { name: 'Globex' });

    const picked = await core.call('accounts.list', { query: 'acm', limit: 8 });
    expect(picked.items.map((a) => a.name)).toEqual(['Acme Logistics']);
    expect(picked.items[0]).toMatchObject({
      employees: 240,
      region: 'EMEA',
      city: null,
      currency: 'USD',
      health: 'healthy',
      ownerId: me.id,
      ownerName: 'Rita Rep',
      openDeals: 0,
    });
    expect((await core.call('accounts.list', { query: 'acme.ex' })).total).toBe(1);
    core.close();
  });

  it('updates an account; lists sort by health with those at risk first', async () => {
    const { core } = await setUp();
    const a = await core.call('accounts.create', { name: 'A', health: 'healthy' });
    const b = await core.call('accounts.create', { name: 'B', health: 'at_risk' });
    await core.call('accounts.create', { name: 'C', health: 'neutral' });
    await core.call('accounts.create', { name: 'D' });
    const updated = await core.call('accounts.update', {
      id: a.id,
      patch: {
        domain: 'A.Example',
        industry: ' ',
        lifetimeValueMinor: 4_200_000,
        currency: 'EUR',
        ownerId: null,
      },
    });
    expect(updated).toMatchObject({
      domain: 'a.example',
      industry: null,
      lifetimeValueMinor: 4_200_000,
      currency: 'EUR',
      ownerId: null,
      ownerName: null,
    });
    const byHealth = await core.call('accounts.list', {
      sort: { field: 'health', direction: 'asc' },
    });
    expect(byHealth.items.map((x) => x.name)).toEqual(['B', 'C', 'A', 'D']);
    expect((await core.call('accounts.get', { id: b.id })).health).toBe('at_risk');
    core.close();
  });

  it('shows an account with its contacts, its deals (open first) and its answers', async () => {
    const { core, clock } = await setUp();
    const acme = await core.call('accounts.create', { name: 'Acme' });
    const other = await core.call('accounts.create', { name: 'Other' });
    const zoe = await core.call('contacts.create', { firstName: 'Zoe', accountId: acme.id });
    await core.call('contacts.create', { firstName: 'Adam', accountId: acme.id });
    await core.call('contacts.create', { firstName: 'Elsewhere', accountId: other.id });
    const won = await core.call('deals.create', {
      title: 'Won one',
      accountId: acme.id,
      valueMinor: 500,
    });
    await core.call('deals.update', {
      id: won.id,
      patch: { stageId: defaultStageId('won'), closeReason: 'Fit' },
    });
    clock.now += DAY;
    await core.call('deals.create', { title: 'Open one', accountId: acme.id });
    await core.call('deals.create', { title: 'Not theirs', accountId: other.id });
    await core.call('satisfaction.record', {
      accountId: acme.id,
      contactId: zoe.id,
      kind: 'nps',
      score: 9,
      comment: 'Great support',
    });

    const detail = await core.call('accounts.get', { id: acme.id });
    expect(detail.openDeals).toBe(1);
    expect(detail.contacts.map((c) => c.name)).toEqual(['Adam', 'Zoe']);
    expect(detail.deals.map((d) => [d.title, d.status])).toEqual([
      ['Open one', 'open'],
      ['Won one', 'won'],
    ]);
    expect(detail.deals[1]).toMatchObject({
      valueMinor: 500,
      currency: 'USD',
      ownerName: 'Rita Rep',
      stageId: defaultStageId('won'),
    });
    expect(detail.satisfaction).toEqual({
      responses: [
        {
          id: expect.any(String),
          accountId: acme.id,
          contactId: zoe.id,
          contactName: 'Zoe',
          kind: 'nps',
          score: 9,
          comment: 'Great support',
          answeredAt: clock.now,
        },
      ],
      nps: 100,
      csat: null,
    });
    core.close();
  });

  it('computes NPS (promoters % − detractors %) and average CSAT over the last 12 months', async () => {
    const { core, clock } = await setUp();
    const acme = await core.call('accounts.create', { name: 'Acme' });
    const empty = await core.call('accounts.get', { id: acme.id });
    expect(empty.satisfaction).toEqual({ responses: [], nps: null, csat: null });

    const now = clock.now;
    // 3 promoters (10, 10, 9), 1 passive (7), 1 detractor (5): (3 − 1) / 5 = 40.
    for (const score of [10, 10, 9, 7, 5])
      await answer(core, acme.id, 'nps', score, now - 30 * DAY);
    // Older than 12 months: history, not today's score.
    await answer(core, acme.id, 'nps', 0, now - 400 * DAY);
    await answer(core, acme.id, 'csat', 1, now - 370 * DAY);
    for (const score of [4, 5, 4]) await answer(core, acme.id, 'csat', score, now - 2 * DAY);

    const detail = await core.call('accounts.get', { id: acme.id });
    expect(detail.satisfaction.nps).toBe(40);
    expect(detail.satisfaction.csat).toBe(4.33);
    expect(detail.satisfaction.responses).toHaveLength(10);
    expect(detail.satisfaction.responses[0]!.answeredAt).toBe(now - 2 * DAY);

    // Detractors outnumbering promoters go negative; one third rounds to a whole number.
    const globex = await core.call('accounts.create', { name: 'Globex' });
    for (const score of [0, 6, 10]) await answer(core, globex.id, 'nps', score, now);
    expect((await core.call('accounts.get', { id: globex.id })).satisfaction.nps).toBe(-33);
    core.close();
  });

  it("shows an account's timeline: its deals' and contacts' items and notes on it, each once", async () => {
    const { core, clock } = await setUp();
    const acme = await core.call('accounts.create', { name: 'Acme' });
    const anna = await core.call('contacts.create', { firstName: 'Anna', accountId: acme.id });
    const deal = await core.call('deals.create', { title: 'Acme — Pilot', accountId: acme.id });
    await core.call('deals.create', { title: 'Someone else' });
    clock.now += 1_000;
    // On the deal and the account at once, as the demo data writes them: listed once.
    createNote(core.context, { dealId: deal.id, accountId: acme.id, body: 'Both' });
    clock.now += 1_000;
    createNote(core.context, { contactId: anna.id, body: 'On Anna' });
    clock.now += 1_000;
    createNote(core.context, { accountId: acme.id, body: 'On Acme' });

    const items = await core.call('accounts.timeline', { id: acme.id });
    expect(items.map((i) => (i.kind === 'note' ? i.body : i.kind))).toEqual([
      'On Acme',
      'On Anna',
      'Both',
      'stage',
    ]);
    expect(items[3]).toMatchObject({ dealTitle: 'Acme — Pilot' });
    expect(await apiError(core.call('accounts.timeline', { id: MISSING }))).toMatchObject({
      code: 'not_found',
      field: 'id',
    });
    core.close();
  });

  it('names every bad input and writes nothing', async () => {
    const { core, clock } = await setUp();
    const acme = await core.call('accounts.create', { name: 'Acme' });
    const other = await core.call('accounts.create', { name: 'Other' });
    const stranger = await core.call('contacts.create', { firstName: 'Sam', accountId: other.id });
    const before = core.store.lastSeq;
    const record: [unknown, string, RegExp][] = [
      [{ accountId: acme.id, kind: 'nps', score: 11 }, 'score', /NPS answer is 0–10/],
      [{ accountId: acme.id, kind: 'csat', score: 0 }, 'score', /CSAT answer 1–5/],
      [{ accountId: acme.id, kind: 'csat', score: 4.5 }, 'score', /expected int/],
      [{ accountId: acme.id, kind: 'ces', score: 3 }, 'kind', /Invalid option/],
      [{ accountId: MISSING, kind: 'nps', score: 8 }, 'accountId', /there is no account/],
      [
        { accountId: acme.id, contactId: MISSING, kind: 'nps', score: 8 },
        'contactId',
        /there is no contact/,
      ],
      [
        { accountId: acme.id, contactId: stranger.id, kind: 'nps', score: 8 },
        'contactId',
        /does not work at the account/,
      ],
      [
        { accountId: acme.id, kind: 'nps', score: 8, answeredAt: clock.now + DAY },
        'answeredAt',
        /future/,
      ],
    ];
    for (const [input, field, message] of record) {
      const error = await apiError(core.call('satisfaction.record', input));
      expect(error.field, JSON.stringify(input)).toBe(field);
      expect(error.message).toMatch(message);
    }
    const update: [unknown, string, RegExp][] = [
      [{ id: acme.id, patch: {} }, 'patch', /at least one field/],
      [{ id: acme.id, patch: { name: ' ' } }, 'patch.name', /must not be empty/],
      [
        { id: acme.id, patch: { lifetimeValueMinor: -1 } },
        'patch.lifetimeValueMinor',
        /must not be negative/,
      ],
      [{ id: acme.id, patch: { health: 'great' } }, 'patch.health', /Invalid option/],
      [{ id: acme.id, patch: { ownerId: MISSING } }, 'patch.ownerId', /there is no user/],
      [{ id: acme.id, patch: { currency: 'EURO' } }, 'patch.currency', /ISO 4217/],
      [{ id: MISSING, patch: { name: 'X' } }, 'id', /there is no account/],
    ];
    for (const [input, field, message] of update) {
      const error = await apiError(core.call('accounts.update', input));
      expect(error.field, JSON.stringify(input)).toBe(field);
      expect(error.message).toMatch(message);
    }
    expect(
      await apiError(core.call('accounts.create', { name: 'X', ownerId: MISSING })),
    ).toMatchObject({ field: 'ownerId' });
    expect(await apiError(core.call('accounts.get', { id: MISSING }))).toMatchObject({
      code: 'not_found',
      field: 'id',
    });
    expect(core.store.lastSeq).toBe(before);
    core.close();
  });
});
