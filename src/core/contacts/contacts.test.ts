import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../../../tests/helpers/tempDir';
import { ApiError } from '../../shared/contract';
import { createNote } from '../activity';
import { createCore } from '../createCore';
import { defaultStageId } from '../pipeline';

const MISSING = '0190f2a4-0000-7000-8000-000000000000';

async function setUp() {
  const clock = { now: Date.UTC(2026, 2, 2, 10) };
  const core = createCore({ dbPath: tempDbPath(), now: () => clock.now });
  await core.call('team.setup', {
    teamName: 'Northwind',
    userName: 'Rita Rep',
    email: 'rita@northwind.example',
    currency: 'EUR',
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

describe('contacts', () => {
  it('creates a contact at an account, owned by the current user, with consent dated', async () => {
    const { core, clock, me } = await setUp();
    const acme = await core.call('accounts.create', { name: 'Acme Logistics' });
    const anna = await core.call('contacts.create', {
      firstName: 'Anna',
      lastName: 'Schmidt',
      email: 'Anna.Schmidt@Acme.example',
      phone: '+49 30 1234 567',
      title: 'Head of Operations',
      accountId: acme.id,
      city: 'Berlin',
      country: 'DE',
      timeZone: 'Europe/Berlin',
      preferredChannel: 'email',
      consent: 'granted',
    });
    expect(anna).toMatchObject({
      name: 'Anna Schmidt',
      email: 'anna.schmidt@acme.example',
      accountId: acme.id,
      accountName: 'Acme Logistics',
      timeZone: 'Europe/Berlin',
      preferredChannel: 'email',
      consent: 'granted',
      consentAt: clock.now,
      ownerId: me.id,
      ownerName: 'Rita Rep',
      createdAt: clock.now,
    });
    const plain = await core.call('contacts.create', { lastName: 'Okafor', phone: '' });
    expect(plain).toMatchObject({
      name: 'Okafor',
      firstName: '',
      phone: null,
      consent: 'unknown',
      consentAt: null,
      accountId: null,
    });
    core.close();
  });

  it('lists contacts: search over name, email and phone, by account, sorted and paged with the total', async () => {
    const { core } = await setUp();
    const acme = await core.call('accounts.create', { name: 'Acme' });
    const globex = await core.call('accounts.create', { name: 'Globex' });
    const people: [string, string, string | null, string, string | null][] = [
      ['Anna', 'Schmidt', 'anna@acme.example', '+49 30 1234567', acme.id],
      ['Bruno', 'Alves', 'bruno@globex.example', '+351 21 555 0101', globex.id],
      ['Chloé', 'Martin', 'chloe@acme.example', '+33 1 44 55 66 77', acme.id],
      ['Dan', 'Smith', null, '(415) 555-0199', null],
      ['Eva', 'Annaberg', 'eva@globex.example', '+43 1 999', globex.id],
    ];
    for (const [firstName, lastName, email, phone, accountId] of people) {
      await core.call('contacts.create', {
        firstName,
        lastName,
        email,
        phone,
        title: firstName,
        accountId,
      });
    }
    const names = (page: { items: { name: string }[] }) => page.items.map((c) => c.name);

    const all = await core.call('contacts.list', {});
    expect(all.total).toBe(5);
    expect(names(all)).toEqual([
      'Anna Schmidt',
      'Bruno Alves',
      'Chloé Martin',
      'Dan Smith',
      'Eva Annaberg',
    ]);

    expect(names(await core.call('contacts.list', { query: 'ANNA' }))).toEqual([
      'Anna Schmidt',
      'Eva Annaberg',
    ]);
    expect(names(await core.call('contacts.list', { query: 'globex.example' }))).toEqual([
      'Bruno Alves',
      'Eva Annaberg',
    ]);
    expect(names(await core.call('contacts.list', { query: 'schmidt' }))).toEqual(['Anna Schmidt']);
    // Digits match however the number was written.
    expect(names(await core.call('contacts.list', { query: '415-555 0199' }))).toEqual([
      'Dan Smith',
    ]);
    expect(names(await core.call('contacts.list', { query: '1234567' }))).toEqual(['Anna Schmidt']);
    // LIKE wildcards in what people type are plain characters.
    expect((await core.call('contacts.list', { query: '%' })).total).toBe(0);

    const atAcme = await core.call('contacts.list', { accountId: acme.id });
    expect(atAcme.total).toBe(2);
    expect(atAcme.items.every((c) => c.accountName === 'Acme')).toBe(true);
    expect((await core.call('contacts.list', { accountId: acme.id, query: 'bruno' })).total).toBe(
      0,
    );

    // By account, descending; no account last either way.
    const byAccount = await core.call('contacts.list', {
      sort: { field: 'account', direction: 'desc' },
    });
    expect(byAccount.items.map((c) => c.accountName)).toEqual([
      'Globex',
      'Globex',
      'Acme',
      'Acme',
      null,
    ]);

    const first = await core.call('contacts.list', {
      limit: 2,
      sort: { field: 'title', direction: 'desc' },
    });
    const second = await core.call('contacts.list', {
      limit: 2,
      offset: 2,
      sort: { field: 'title', direction: 'desc' },
    });
    expect(first.total).toBe(5);
    expect(names(first)).toEqual(['Eva Annaberg', 'Dan Smith']);
    expect(names(second)).toEqual(['Chloé Martin', 'Bruno Alves']);
    core.close();
  });

  it('refuses a second contact with the same email, whatever its case, naming email', async () => {
    const { core } = await setUp();
    const anna = await core.call('contacts.create', {
      firstName: 'Anna',
      email: 'anna@acme.example',
    });
    const twin = await apiError(
      core.call('contacts.create', { firstName: 'Ann', email: 'ANNA@acme.example' }),
    );
    expect(twin).toMatchObject({ code: 'conflict', field: 'email' });
    expect(twin.message).toBe('email: anna@acme.example is already the address of Anna');

    const bob = await core.call('contacts.create', { firstName: 'Bob', email: 'bob@acme.example' });
    const taken = await apiError(
      core.call('contacts.update', { id: bob.id, patch: { email: 'Anna@Acme.example' } }),
    );
    expect(taken).toMatchObject({ code: 'conflict', field: 'patch.email' });
    // Saving one's own address again is no conflict.
    await expect(
      core.call('contacts.update', {
        id: anna.id,
        patch: { email: 'anna@acme.example', title: 'CTO' },
      }),
    ).resolves.toMatchObject({ title: 'CTO' });
    core.close();
  });

  it('updates fields: blank text clears, a consent change is dated, account and owner can change', async () => {
    const { core, clock } = await setUp();
    const acme = await core.call('accounts.create', { name: 'Acme' });
    const anna = await core.call('contacts.create', {
      firstName: 'Anna',
      city: 'Berlin',
      phone: '+49 1',
    });
    clock.now += 86_400_000;
    const updated = await core.call('contacts.update', {
      id: anna.id,
      patch: {
        city: '  ',
        consent: 'withdrawn',
        accountId: acme.id,
        ownerId: null,
        timeZone: 'America/New_York',
      },
    });
    expect(updated).toMatchObject({
      city: null,
      phone: '+49 1',
      consent: 'withdrawn',
      consentAt: clock.now,
      accountName: 'Acme',
      ownerId: null,
      timeZone: 'America/New_York',
    });
    clock.now += 1_000;
    const same = await core.call('contacts.update', {
      id: anna.id,
      patch: { consent: 'withdrawn' },
    });
    expect(same.consentAt).toBe(updated.consentAt);
    core.close();
  });

  it("shows a contact's deals and engagement: their deals' items and notes on them, newest first", async () => {
    const { core, clock } = await setUp();
    const acme = await core.call('accounts.create', { name: 'Acme' });
    const anna = await core.call('contacts.create', { firstName: 'Anna', accountId: acme.id });
    const bob = await core.call('contacts.create', { firstName: 'Bob', accountId: acme.id });
    const annaDeal = await core.call('deals.create', {
      title: 'Acme — Pilot',
      accountId: acme.id,
      contactId: anna.id,
    });
    await core.call('deals.create', {
      title: 'Acme — Bob’s deal',
      accountId: acme.id,
      contactId: bob.id,
    });
    // A deal from before she changed companies is still part of her history.
    const oldDeal = await core.call('deals.create', { title: 'Old job', contactId: anna.id });
    clock.now += 60_000;
    await core.call('deals.update', {
      id: annaDeal.id,
      patch: { stageId: defaultStageId('won'), closeReason: 'Fit' },
    });
    clock.now += 60_000;
    createNote(core.context, { contactId: anna.id, body: 'Prefers email.' });
    createNote(core.context, { contactId: bob.id, body: 'Not about Anna.' });

    const detail = await core.call('contacts.get', { id: anna.id });
    expect(detail.name).toBe('Anna');
    // Open deals first, then the others.
    expect(detail.deals.map((d) => [d.title, d.status])).toEqual([
      ['Old job', 'open'],
      ['Acme — Pilot', 'won'],
    ]);
    expect(detail.timeline.map((i) => i.kind)).toEqual(['note', 'stage', 'stage', 'stage']);
    expect(detail.timeline[0]).toMatchObject({
      kind: 'note',
      body: 'Prefers email.',
      byName: 'Rita Rep',
      dealId: null,
    });
    expect(detail.timeline[1]).toMatchObject({
      kind: 'stage',
      dealTitle: 'Acme — Pilot',
      toStageId: defaultStageId('won'),
    });
    expect(detail.timeline.filter((i) => i.dealId === oldDeal.id)).toHaveLength(1);
    core.close();
  });

  it('names every bad input and writes nothing', async () => {
    const { core } = await setUp();
    const anna = await core.call('contacts.create', { firstName: 'Anna' });
    const before = core.store.lastSeq;
    const create: [unknown, string, RegExp][] = [
      [{}, 'firstName', /needs a first or a last name/],
      [{ firstName: '  ', lastName: '' }, 'firstName', /needs a first or a last name/],
      [{ firstName: 'X', email: 'not-an-email' }, 'email', /expected an email address/],
      [{ firstName: 'X', accountId: MISSING }, 'accountId', /there is no account/],
      [{ firstName: 'X', ownerId: MISSING }, 'ownerId', /there is no user/],
      [{ firstName: 'X', timeZone: 'Mars/Olympus' }, 'timeZone', /not a time zone/],
      [{ firstName: 'X', preferredChannel: 'fax' }, 'preferredChannel', /Invalid option/],
      [{ firstName: 'X', consent: 'yes' }, 'consent', /Invalid option/],
      [{ firstName: 'X', nickname: 'Y' }, 'nickname', /unknown field/],
    ];
    for (const [input, field, message] of create) {
      const error = await apiError(core.call('contacts.create', input));
      expect(error.field, JSON.stringify(input)).toBe(field);
      expect(error.message).toMatch(message);
    }
    const update: [unknown, string, RegExp][] = [
      [{ id: anna.id, patch: {} }, 'patch', /at least one field/],
      [
        { id: anna.id, patch: { firstName: '' } },
        'patch.firstName',
        /needs a first or a last name/,
      ],
      [{ id: anna.id, patch: { accountId: MISSING } }, 'patch.accountId', /there is no account/],
      [{ id: anna.id, patch: { timeZone: 'Berlin' } }, 'patch.timeZone', /not a time zone/],
      [{ id: MISSING, patch: { title: 'CEO' } }, 'id', /there is no contact/],
    ];
    for (const [input, field, message] of update) {
      const error = await apiError(core.call('contacts.update', input));
      expect(error.field, JSON.stringify(input)).toBe(field);
      expect(error.message).toMatch(message);
    }
    expect(await apiError(core.call('contacts.get', { id: MISSING }))).toMatchObject({
      code: 'not_found',
      field: 'id',
    });
    expect(await apiError(core.call('contacts.list', { limit: 0 }))).toMatchObject({
      field: 'limit',
    });
    expect(
      await apiError(core.call('contacts.list', { sort: { field: 'email', direction: 'asc' } })),
    ).toMatchObject({ field: 'sort.field' });
    expect(core.store.lastSeq).toBe(before);
    core.close();
  });
});
