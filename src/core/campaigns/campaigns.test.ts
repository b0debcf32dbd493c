import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../../../tests/helpers/tempDir';
import { ApiError } from '../../shared/contract';
import { createCore } from '../createCore';
import { defaultStageId } from '../pipeline';

const DAY = 86_400_000;
const MISSING = '0190f2a4-0000-7000-8000-000000000000';

async function setUp() {
  const clock = { now: Date.UTC(2026, 3, 10, 12) };
  const core = createCore({ dbPath: tempDbPath(), now: () => clock.now });
  await core.call('team.setup', {
    teamName: 'Northwind',
    userName: 'Rita Rep',
    email: 'rita@northwind.example',
    currency: 'EUR',
  });
  return { core, clock };
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

const anyone = { industries: [], regions: [], phaseIds: [] };

describe('campaigns', () => {
  it('lists running campaigns first, then scheduled, then ended; status follows the dates', async () => {
    const { core, clock } = await setUp();
    const now = clock.now;
    const make = (name: string, startsAt: number | null, endsAt: number | null) =>
      core.call('campaigns.create', { name, startsAt, endsAt });
    await make('Ended long ago', now - 90 * DAY, now - 60 * DAY);
    await make('Scheduled later', now + 20 * DAY, now + 40 * DAY);
    await make('Running, open-ended', now - DAY, null);
    await make('Ended yesterday', now - 30 * DAY, now - DAY);
    await make('Running, ends soon', now - DAY, now + 2 * DAY);
    await make('Scheduled soon', now + DAY, null);
    await make('Always on', null, null);

    const list = await core.call('campaigns.list', {});
    expect(list.map((c) => [c.name, c.status])).toEqual([
      ['Running, ends soon', 'running'],
      ['Always on', 'running'],
      ['Running, open-ended', 'running'],
      ['Scheduled soon', 'scheduled'],
      ['Scheduled later', 'scheduled'],
      ['Ended yesterday', 'ended'],
      ['Ended long ago', 'ended'],
    ]);
    const current = await core.call('campaigns.list', { includeEnded: false });
    expect(current).toHaveLength(5);

    // Time passes: the status follows without anyone editing the campaign.
    clock.now += 3 * DAY;
    const later = await core.call('campaigns.list', {});
    expect(later.find((c) => c.name === 'Running, ends soon')!.status).toBe('ended');
    expect(later.find((c) => c.name === 'Scheduled soon')!.status).toBe('running');
    core.close();
  });

  it('creates, edits and deletes a campaign; the audience is cleaned and priced in a currency', async () => {
    const { core, clock } = await setUp();
    const spring = await core.call('campaigns.create', {
      name: 'Spring logistics offer',
      audience: 'Logistics companies in EMEA, before they sign',
      filter: {
        industries: [' Logistics ', 'logistics', ''],
        regions: ['EMEA'],
        phaseIds: ['conversion', 'conversion'],
      },
      offer: '15% off the first year',
      priceMinor: 990_000,
      startsAt: clock.now - DAY,
      endsAt: clock.now + 30 * DAY,
    });
    expect(spring).toMatchObject({
      name: 'Spring logistics offer',
      filter: { industries: ['Logistics'], regions: ['EMEA'], phaseIds: ['conversion'] },
      priceMinor: 990_000,
      currency: 'EUR',
      status: 'running',
    });
    const ops = core.store.db
      .prepare(
        `SELECT value FROM sync_ops WHERE tbl = 'campaigns' AND row_id = ? AND col = 'audience_filter'`,
      )
      .all(spring.id) as { value: string }[];
    expect(JSON.parse(ops[0]!.value)).toEqual(spring.filter);

    const edited = await core.call('campaigns.update', {
      id: spring.id,
      patch: {
        filter: { industries: [], regions: ['EMEA', 'AMER'], phaseIds: [] },
        offer: '',
        currency: 'USD',
      },
    });
    expect(edited).toMatchObject({
      filter: { industries: [], regions: ['EMEA', 'AMER'], phaseIds: [] },
      offer: null,
      currency: 'USD',
      audience: 'Logistics companies in EMEA, before they sign',
    });

    expect(await core.call('campaigns.delete', { id: spring.id })).toEqual({ id: spring.id });
    expect(await core.call('campaigns.list', {})).toEqual([]);
    expect(await apiError(core.call('campaigns.delete', { id: spring.id }))).toMatchObject({
      code: 'not_found',
      field: 'id',
    });
    core.close();
  });

  it("finds the running campaigns for a deal by its account's industry and region and its phase", async () => {
    const { core, clock } = await setUp();
    const now = clock.now;
    const acme = await core.call('accounts.create', { name: 'Acme', industry: 'Logistics' });
    await core.call('accounts.update', { id: acme.id, patch: { region: 'emea' } });
    const deal = await core.call('deals.create', {
      title: 'Acme — Pilot',
      accountId: acme.id,
      stageId: defaultStageId('proposal'),
    });
    const loose = await core.call('deals.create', { title: 'No account yet' });

    const make = (
      name: string,
      filter: object,
      startsAt: number | null = null,
      endsAt: number | null = null,
    ) =>
      core.call('campaigns.create', { name, filter: { ...anyone, ...filter }, startsAt, endsAt });
    await make('Everyone', {});
    await make('Logistics, any case', { industries: ['Retail', 'LOGISTICS'] });
    await make('EMEA conversion', { regions: ['EMEA'], phaseIds: ['conversion'] });
    await make('Retail only', { industries: ['Retail'] });
    await make('APAC only', { regions: ['APAC'] });
    await make('Renewals', { phaseIds: ['retention'] });
    await make('Logistics next month', { industries: ['Logistics'] }, now + 30 * DAY);
    await make(
      'Logistics last year',
      { industries: ['Logistics'] },
      now - 400 * DAY,
      now - 300 * DAY,
    );

    const names = async (dealId: string) =>
      (await core.call('campaigns.forDeal', { dealId })).map((c) => c.name).sort();
    expect(await names(deal.id)).toEqual(['EMEA conversion', 'Everyone', 'Logistics, any case']);
    // Without an account there is no industry or region to match: only open audiences apply.
    expect(await names(loose.id)).toEqual(['Everyone']);

    await core.call('deals.update', {
      id: deal.id,
      patch: { stageId: defaultStageId('onboarding') },
    });
    expect(await names(deal.id)).toEqual(['Everyone', 'Logistics, any case', 'Renewals']);

    expect(await apiError(core.call('campaigns.forDeal', { dealId: MISSING }))).toMatchObject({
      code: 'not_found',
      field: 'dealId',
    });
    core.close();
  });

  it('names every bad input and writes nothing', async () => {
    const { core, clock } = await setUp();
    const campaign = await core.call('campaigns.create', {
      name: 'Q2',
      startsAt: clock.now,
      endsAt: clock.now + 10 * DAY,
    });
    const before = core.store.lastSeq;
    const create: [unknown, string, RegExp][] = [
      [{}, 'name', /is required/],
      [{ name: '  ' }, 'name', /must not be empty/],
      [{ name: 'X', startsAt: 10, endsAt: 5 }, 'endsAt', /cannot end before it starts/],
      [{ name: 'X', priceMinor: -100 }, 'priceMinor', /too small|>=0/],
      [{ name: 'X', priceMinor: 9.99 }, 'priceMinor', /minor units/],
      [{ name: 'X', currency: 'euro' }, 'currency', /ISO 4217/],
      [{ name: 'X', filter: { industries: [], regions: [] } }, 'filter.phaseIds', /is required/],
      [
        { name: 'X', filter: { ...anyone, phaseIds: ['sales'] } },
        'filter.phaseIds[0]',
        /Invalid option/,
      ],
      [
        { name: 'X', filter: { ...anyone, regions: ['x'.repeat(101)] } },
        'filter.regions[0]',
        /at most 100/,
      ],
    ];
    for (const [input, field, message] of create) {
      const error = await apiError(core.call('campaigns.create', input));
      expect(error.field, JSON.stringify(input).slice(0, 80)).toBe(field);
      expect(error.message).toMatch(message);
    }
    const update: [unknown, string, RegExp][] = [
      [{ id: campaign.id, patch: {} }, 'patch', /at least one field/],
      // Only the end is given: it is checked against the stored start.
      [
        { id: campaign.id, patch: { endsAt: clock.now - DAY } },
        'patch.endsAt',
        /cannot end before it starts/,
      ],
      [
        { id: campaign.id, patch: { startsAt: clock.now + 20 * DAY } },
        'patch.startsAt',
        /cannot end before it starts/,
      ],
      [{ id: MISSING, patch: { name: 'Y' } }, 'id', /there is no campaign/],
    ];
    for (const [input, field, message] of update) {
      const error = await apiError(core.call('campaigns.update', input));
      expect(error.field, JSON.stringify(input)).toBe(field);
      expect(error.message).toMatch(message);
    }
    expect(core.store.lastSeq).toBe(before);
    core.close();
  });
});
