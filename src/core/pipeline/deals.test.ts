import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../../../tests/helpers/tempDir';
import { ApiError, type DataChanged } from '../../shared/contract';
import { createCore, type Core } from '../createCore';
import { defaultStageId } from './defaults';

async function setUp(): Promise<Core> {
  const core = createCore({ dbPath: tempDbPath() });
  await core.call('team.setup', {
    teamName: 'Northwind',
    userName: 'Rita Rep',
    email: 'rita@northwind.example',
    currency: 'USD',
  });
  return core;
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

describe('deals', () => {
  it('creates a deal with the team defaults and records where it started', async () => {
    const core = await setUp();
    const info = await core.call('app.info');
    const events: DataChanged[] = [];
    core.events.on('data.changed', (e) => events.push(e));

    const deal = await core.call('deals.create', {
      title: 'Acme — Pro plan',
      valueMinor: 1_250_000,
    });
    expect(deal).toMatchObject({
      title: 'Acme — Pro plan',
      stageId: defaultStageId('new-lead'),
      ownerId: info.currentUser!.id,
      ownerName: 'Rita Rep',
      currency: 'USD',
      status: 'open',
      valueMinor: 1_250_000,
    });
    const detail = await core.call('deals.get', { id: deal.id });
    expect(detail.stageHistory).toEqual([
      expect.objectContaining({
        fromStageId: null,
        toStageId: defaultStageId('new-lead'),
        movedBy: info.currentUser!.id,
      }),
    ]);
    expect(events).toEqual([{ tables: ['deals', 'stage_history'], origin: 'local' }]);
    const logged = core.store.db
      .prepare(`SELECT col, value FROM sync_ops WHERE tbl = 'deals' AND row_id = ?`)
      .all(deal.id) as { col: string; value: unknown }[];
    expect(logged).toContainEqual({ col: 'title', value: 'Acme — Pro plan' });
    expect(logged).toContainEqual({ col: 'value_minor', value: 1_250_000 });
    core.close();
  });

  it('moves a deal to Won: status, close time and stage history follow', async () => {
    const core = await setUp();
    const deal = await core.call('deals.create', { title: 'Globex renewal' });
    const won = await core.call('deals.update', {
      id: deal.id,
      patch: { stageId: defaultStageId('won'), closeReason: 'Best fit' },
    });
    expect(won).toMatchObject({
      status: 'won',
      closeReason: 'Best fit',
      stageId: defaultStageId('won'),
    });
    const detail = await core.call('deals.get', { id: deal.id });
    expect(detail.stageHistory.map((m) => m.toStageId)).toEqual([
      defaultStageId('new-lead'),
      defaultStageId('won'),
    ]);
    core.close();
  });

  it('names the bad field of an invalid call and changes nothing', async () => {
    const core = await setUp();
    const before = core.store.lastSeq;
    const bad = await apiError(core.call('deals.create', { title: 'X', valueMinor: '12.50' }));
    expect(bad).toMatchObject({ code: 'invalid_input', field: 'valueMinor' });
    expect(bad.message).toBe(
      'deals.create: valueMinor: Invalid input: expected number, received string',
    );

    const typo = await apiError(core.call('deals.create', { title: 'X', titel: 'Y' }));
    expect(typo).toMatchObject({ code: 'invalid_input', field: 'titel' });
    expect(typo.message).toMatch(/titel: unknown field/);

    const missing = await apiError(core.call('deals.create', {}));
    expect(missing).toMatchObject({ field: 'title', message: 'deals.create: title: is required' });

    const blank = await apiError(core.call('deals.create', { title: '   ' }));
    expect(blank).toMatchObject({
      field: 'title',
      message: 'deals.create: title: must not be empty',
    });

    const account = await apiError(
      core.call('deals.create', { title: 'X', accountId: '0190f2a4-0000-7000-8000-000000000000' }),
    );
    expect(account).toMatchObject({ field: 'accountId' });
    expect(account.message).toMatch(/there is no account with id/);

    const empty = await apiError(
      core.call('deals.update', { id: '0190f2a4-0000-7000-8000-000000000000', patch: {} }),
    );
    expect(empty).toMatchObject({
      field: 'patch',
      message: 'deals.update: patch: name at least one field to change',
    });

    const gone = await apiError(
      core.call('deals.get', { id: '0190f2a4-0000-7000-8000-000000000000' }),
    );
    expect(gone.code).toBe('not_found');

    const currency = await apiError(core.call('deals.create', { title: 'X', currency: 'EURO' }));
    expect(currency).toMatchObject({ field: 'currency' });

    expect(core.store.lastSeq).toBe(before);
    core.close();
  });

  it('answers transports with wire errors instead of throwing', async () => {
    const core = await setUp();
    await expect(core.handle('deals.destroyAll', {})).resolves.toEqual({
      ok: false,
      error: { code: 'unknown_method', message: 'there is no API method named "deals.destroyAll"' },
    });
    await expect(core.handle('deals.get', 'not an object')).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    core.close();
  });

  it('lists deals a page at a time, filtered and sorted in SQL, with the total', async () => {
    const core = await setUp();
    const acme = await core.call('accounts.create', {
      name: 'Acme Logistics',
      domain: 'ACME.example',
    });
    expect(acme.domain).toBe('acme.example');
    for (let i = 1; i <= 7; i++) {
      await core.call('deals.create', {
        title: `Deal ${i}`,
        valueMinor: i * 1000,
        accountId: i % 2 === 0 ? acme.id : null,
        stageId: i <= 3 ? defaultStageId('demo') : undefined,
      });
    }
    const page = await core.call('deals.list', {
      sort: { field: 'value', direction: 'asc' },
      limit: 3,
    });
    expect(page.total).toBe(7);
    expect(page.items.map((d) => d.title)).toEqual(['Deal 1', 'Deal 2', 'Deal 3']);
    const next = await core.call('deals.list', {
      sort: { field: 'value', direction: 'asc' },
      limit: 3,
      offset: 3,
    });
    expect(next.items.map((d) => d.title)).toEqual(['Deal 4', 'Deal 5', 'Deal 6']);

    // Full-text, by prefix, over the title and the account name.
    const byAccount = await core.call('deals.list', { filters: { query: 'acm logis' } });
    expect(byAccount.total).toBe(3);
    expect(byAccount.items.every((d) => d.accountName === 'Acme Logistics')).toBe(true);
    expect(
      (await core.call('deals.list', { filters: { query: 'deal 7' } })).items.map((d) => d.title),
    ).toEqual(['Deal 7']);
    // FTS syntax in what people type is taken as words, never as operators.
    expect((await core.call('deals.list', { filters: { query: '"acme" OR NEAR(' } })).total).toBe(
      0,
    );
    expect((await core.call('deals.list', { filters: { query: 'zzz' } })).total).toBe(0);

    const inDemo = await core.call('deals.list', {
      filters: { stageIds: [defaultStageId('demo')] },
    });
    expect(inDemo.total).toBe(3);
    core.close();
  });
});
