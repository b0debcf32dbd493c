import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../../../tests/helpers/tempDir';
import { ApiError, parseInput, type DataChanged, type MethodOutput } from '../../shared/contract';
import { createCore, type Core } from '../createCore';
import { defaultStageId } from '../pipeline';
import { activityMethods, timeline, TIMELINE_LIMIT } from '.';

const DAY = 86_400_000;
const MISSING = '0190f2a4-0000-7000-8000-000000000000';

async function setUp(start = Date.UTC(2026, 0, 15, 9)) {
  const clock = { now: start };
  const core = createCore({ dbPath: tempDbPath(), now: () => clock.now });
  await core.call('team.setup', {
    teamName: 'Northwind',
    userName: 'Rita Rep',
    email: 'rita@northwind.example',
    currency: 'EUR',
  });
  const tick = (ms = 60_000) => (clock.now += ms);
  return { core, clock, tick };
}

type ActivityMethod = keyof ReturnType<typeof activityMethods>;

/**
 * Like `core.call` for the methods this folder serves: the contract checks the input, then the
 * handler runs. (createCore wires them in; calling them here keeps the tests independent of it.)
 */
async function call<M extends ActivityMethod>(
  core: Core,
  method: M,
  input: unknown,
): Promise<MethodOutput<M>> {
  const handler = activityMethods(core.context)[method] as (input: unknown) => MethodOutput<M>;
  return handler(parseInput(method, input));
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

describe('activity timeline', () => {
  it("shows a deal's stage moves, notes, calls and follow-ups with who did them, newest first", async () => {
    const { core, clock, tick } = await setUp();
    const me = (await core.call('app.info')).currentUser!;
    const deal = await core.call('deals.create', { title: 'Acme — Pilot' });
    const createdAt = clock.now;
    tick();
    await core.call('deals.update', { id: deal.id, patch: { stageId: defaultStageId('demo') } });
    const movedAt = clock.now;
    tick();
    const note = await call(core, 'notes.create', { dealId: deal.id, body: 'Wants SSO.' });
    tick();
    // Calls and follow-ups have no API of their own yet: written as the calls domain will.
    const callAt = tick();
    core.store.write((w) => {
      w.insert('calls', {
        id: '0190f2a4-0000-7000-8000-00000000ca11',
        deal_id: deal.id,
        rep_id: me.id,
        direction: 'outbound',
        started_at: callAt,
        ended_at: callAt + 90_000,
        disposition: 'connected',
        notes: 'Booked the demo',
      });
      w.insert('follow_ups', {
        id: '0190f2a4-0000-7000-8000-00000000f011',
        deal_id: deal.id,
        owner_id: me.id,
        due_at: callAt + DAY,
        title: 'Send the proposal',
      });
    });

    const items = timeline(core.context, { dealId: deal.id });
    expect(items.map((i) => i.kind)).toEqual(['followUp', 'call', 'note', 'stage', 'stage']);
    expect(items[0]).toEqual({
      kind: 'followUp',
      id: '0190f2a4-0000-7000-8000-00000000f011',
      at: callAt + DAY,
      dealId: deal.id,
      dealTitle: 'Acme — Pilot',
      title: 'Send the proposal',
      status: 'open',
      byName: 'Rita Rep',
    });
    expect(items[1]).toMatchObject({
      kind: 'call',
      at: callAt,
      endedAt: callAt + 90_000,
      direction: 'outbound',
      disposition: 'connected',
      notes: 'Booked the demo',
      byName: 'Rita Rep',
    });
    expect(items[2]).toMatchObject({ kind: 'note', id: note.id, body: 'Wants SSO.' });
    expect(items[3]).toMatchObject({
      kind: 'stage',
      at: movedAt,
      fromStageId: defaultStageId('new-lead'),
      toStageId: defaultStageId('demo'),
      byName: 'Rita Rep',
    });
    expect(items[4]).toMatchObject({ kind: 'stage', at: createdAt, fromStageId: null });

    // The contract's method answers the same, and names a missing deal.
    expect(await call(core, 'deals.timeline', { id: deal.id })).toEqual(items);
    const missing = await apiError(call(core, 'deals.timeline', { id: MISSING }));
    expect(missing).toMatchObject({ code: 'not_found', field: 'id' });
    core.close();
  });

  it(`keeps the newest ${TIMELINE_LIMIT} items`, async () => {
    const { core, tick } = await setUp();
    const deal = await core.call('deals.create', { title: 'Busy deal' });
    for (let i = 0; i < TIMELINE_LIMIT + 5; i++) {
      tick();
      await call(core, 'notes.create', { dealId: deal.id, body: `Note ${i}` });
    }
    const items = timeline(core.context, { dealId: deal.id });
    expect(items).toHaveLength(TIMELINE_LIMIT);
    expect(items[0]).toMatchObject({ kind: 'note', body: `Note ${TIMELINE_LIMIT + 4}` });
    expect(items.every((item) => item.kind === 'note')).toBe(true);
    core.close();
  });
});

describe('notes', () => {
  it('signs a note with the current user and moves its deal’s last activity, ops and all', async () => {
    const { core, clock, tick } = await setUp();
    const me = (await core.call('app.info')).currentUser!;
    const deal = await core.call('deals.create', { title: 'Globex renewal' });
    tick(3 * DAY);
    const events: DataChanged[] = [];
    core.events.on('data.changed', (e) => events.push(e));

    const note = await call(core, 'notes.create', {
      dealId: deal.id,
      body: '  Budget approved.  ',
    });
    expect(note).toMatchObject({
      dealId: deal.id,
      contactId: null,
      accountId: null,
      authorId: me.id,
      authorName: 'Rita Rep',
      body: 'Budget approved.',
      createdAt: clock.now,
    });
    expect((await core.call('deals.get', { id: deal.id })).lastActivityAt).toBe(clock.now);
    expect(events).toEqual([{ tables: ['notes', 'deals'], origin: 'local' }]);
    const ops = core.store.db
      .prepare(`SELECT col, value FROM sync_ops WHERE tbl = 'deals' AND row_id = ? AND col = ?`)
      .all(deal.id, 'last_activity_at');
    expect(ops).toContainEqual({ col: 'last_activity_at', value: clock.now });
    core.close();
  });

  it('a note on a contact or an account leaves deals alone', async () => {
    const { core, tick } = await setUp();
    const account = await core.call('accounts.create', { name: 'Initech' });
    const contact = await core.call('contacts.create', {
      firstName: 'Bill',
      accountId: account.id,
    });
    const deal = await core.call('deals.create', { title: 'Initech', contactId: contact.id });
    tick(DAY);
    await call(core, 'notes.create', { contactId: contact.id, body: 'Prefers mornings.' });
    await call(core, 'notes.create', { accountId: account.id, body: 'Board meets in March.' });
    expect((await core.call('deals.get', { id: deal.id })).lastActivityAt).toBe(
      deal.lastActivityAt,
    );
    core.close();
  });

  it('edits and deletes a note; the delete is a tombstone that travels', async () => {
    const { core, tick } = await setUp();
    const deal = await core.call('deals.create', { title: 'Umbrella' });
    const note = await call(core, 'notes.create', { dealId: deal.id, body: 'First draft' });
    tick();
    const edited = await call(core, 'notes.update', { id: note.id, body: 'Second draft' });
    expect(edited).toMatchObject({ id: note.id, body: 'Second draft', createdAt: note.createdAt });
    expect(edited.updatedAt).toBeGreaterThan(note.updatedAt);

    expect(await call(core, 'notes.delete', { id: note.id })).toEqual({ id: note.id });
    expect(timeline(core.context, { dealId: deal.id }).some((i) => i.kind === 'note')).toBe(false);
    const tombstone = core.store.db
      .prepare(`SELECT col FROM sync_ops WHERE tbl = 'notes' AND row_id = ? AND col = 'deleted_at'`)
      .all(note.id);
    expect(tombstone).toHaveLength(1);

    const again = await apiError(call(core, 'notes.update', { id: note.id, body: 'Third' }));
    expect(again).toMatchObject({ code: 'not_found', field: 'id' });
    core.close();
  });

  it('names every bad input and writes nothing', async () => {
    const { core } = await setUp();
    const before = core.store.lastSeq;
    const cases: [unknown, string, RegExp][] = [
      [{ body: 'Orphan' }, 'dealId', /belongs to a deal, a contact or an account/],
      [{ dealId: MISSING, body: '   ' }, 'body', /must not be empty/],
      [{ dealId: MISSING, body: 'x' }, 'dealId', /there is no deal/],
      [{ contactId: MISSING, body: 'x' }, 'contactId', /there is no contact/],
      [{ accountId: MISSING, body: 'x' }, 'accountId', /there is no account/],
      [{ dealId: 'abc', body: 'x' }, 'dealId', /expected an id/],
      [{ dealId: MISSING, body: 'x', pinned: true }, 'pinned', /unknown field/],
    ];
    for (const [input, field, message] of cases) {
      const error = await apiError(call(core, 'notes.create', input));
      expect(error.field, JSON.stringify(input)).toBe(field);
      expect(error.message).toMatch(message);
    }
    expect(await apiError(call(core, 'notes.delete', { id: MISSING }))).toMatchObject({
      code: 'not_found',
      field: 'id',
    });
    expect(core.store.lastSeq).toBe(before);
    core.close();
  });
});
