import { describe, expect, it } from 'vitest';
import type { Core } from '../createCore';
import { defaultStageId } from '../pipeline/defaults';
import { deals, importText, SAM, setUp, type DealRow } from '../../../tests/helpers/importexport';

describe('exporting', () => {
  async function seedDeals(core: Core) {
    const acme = await core.call('accounts.create', {
      name: 'Müller & Söhne',
      domain: 'mueller.example',
    });
    const anna = await core.call('contacts.create', {
      firstName: 'Anna',
      lastName: 'Müller',
      email: 'anna@mueller.example',
      phone: '+49 30 1234',
      accountId: acme.id,
      title: 'CFO',
      timeZone: 'Europe/Berlin',
      preferredChannel: 'email',
      consent: 'granted',
    });
    await core.call('deals.create', {
      title: 'Müller — Platform licence, "Pro"',
      valueMinor: 1_250_050,
      accountId: acme.id,
      contactId: anna.id,
      expectedCloseAt: Date.UTC(2026, 11, 31, 12),
      nextStep: 'Send proposal\nthen call',
      source: 'Referral',
    });
    await core.call('deals.create', {
      title: '=HYPERLINK("http://evil.example")',
      valueMinor: 99,
      currency: 'USD',
      ownerId: SAM,
    });
    const won = await core.call('deals.create', { title: '-Pilot', valueMinor: 500_000 });
    await core.call('deals.update', {
      id: won.id,
      patch: { stageId: defaultStageId('won'), closeReason: 'Best fit' },
    });
  }

  it('exports the deals of a view as CSV that imports again as it was', async () => {
    const core = await setUp();
    await seedDeals(core);
    const result = await core.call('export.deals', { sort: { field: 'value', direction: 'desc' } });
    expect(result.filename).toBe('deals-2026-11-23.csv');
    expect(result.rows).toBe(3);
    const lines = result.csv.split('\r\n');
    expect(lines[0]).toBe(
      '\ufeffTitle,Value,Currency,Stage,Status,Owner,Owner email,Account,Account domain,Contact,Contact email,Contact phone,Expected close date,Source,Next step,Close reason,Created',
    );
    expect(lines[1]).toMatch(
      /^"Müller — Platform licence, ""Pro""",12500.50,EUR,New lead,open,Rita Rep/,
    );
    expect(lines[1]).toContain(
      ',Müller & Söhne,mueller.example,Anna Müller,anna@mueller.example,+49 30 1234,2026-12-31,',
    );
    // A formula-like title cannot run in a spreadsheet.
    expect(result.csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);

    const won = await core.call('export.deals', { filters: { status: 'won' } });
    expect(won.rows).toBe(1);

    const other = await setUp();
    const { preview, report } = await importText(other, 'deals', result.csv);
    expect(preview.mapping).toMatchObject({
      Owner: null,
      'Owner email': 'owner',
      Contact: 'contactName',
    });
    expect(report).toMatchObject({
      created: 3,
      failed: 0,
      errors: [],
      createdAccounts: 1,
      createdContacts: 1,
    });
    const strip = (rows: Map<string, DealRow>) =>
      [...rows.values()]
        .map(({ closed_at: _closed, ...row }) => row)
        .sort((a, b) => a.title.localeCompare(b.title));
    expect(strip(deals(other))).toEqual(strip(deals(core)));
    other.close();
    core.close();
  });

  it('exports contacts, filtered like the list, and imports them again', async () => {
    const core = await setUp();
    await seedDeals(core);
    await core.call('contacts.create', { firstName: 'Bob', lastName: 'Builder', ownerId: SAM });
    const all = await core.call('export.contacts', {});
    expect(all).toMatchObject({ rows: 2, filename: 'contacts-2026-11-23.csv' });
    expect((await core.call('export.contacts', { query: 'anna' })).rows).toBe(1);

    const other = await setUp();
    const { report } = await importText(other, 'contacts', all.csv);
    expect(report).toMatchObject({ created: 2, failed: 0, createdAccounts: 1 });
    const list = async (target: Core) =>
      (await target.call('contacts.list', {})).items.map(({ id: _id, accountId: _a, ...c }) => c);
    expect(await list(other)).toEqual(await list(core));
    other.close();
    core.close();
  });
});
