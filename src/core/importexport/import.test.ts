import { describe, expect, it } from 'vitest';
import { type ImportProgress } from '../../shared/contract';
import { defaultStageId } from '../pipeline/defaults';
import {
  apiError,
  count,
  deals,
  fixture,
  importText,
  opCount,
  RITA,
  SAM,
  setUp,
} from '../../../tests/helpers/importexport';

describe('importing deals', () => {
  it('imports a Pipedrive deals export: stages, statuses, owners, accounts and contacts', async () => {
    const core = await setUp();
    const progress: ImportProgress[] = [];
    core.events.on('import.progress', (event) => progress.push(event));
    const { preview, report } = await importText(core, 'deals', fixture('pipedrive-deals.csv'));

    expect(preview).toMatchObject({ source: 'pipedrive', rows: 6, filename: 'deals.csv' });
    expect(preview.sample[0]).toEqual(expect.arrayContaining(['Acme GmbH — Platform licence']));
    expect(preview.fields.find((f) => f.field === 'title')).toMatchObject({ required: true });
    expect(report).toMatchObject({
      committed: true,
      total: 6,
      created: 6,
      updated: 0,
      failed: 0,
      createdAccounts: 5,
      // Anna Schmidt is on two deals; Stark's deal names nobody.
      createdContacts: 4,
      errors: [],
    });

    const rows = deals(core);
    expect(rows.get('Acme GmbH — Platform licence')).toMatchObject({
      value_minor: 1_250_000,
      currency: 'EUR',
      stage_id: defaultStageId('qualified'),
      status: 'open',
      owner_id: RITA,
      account: 'Acme GmbH',
      contact: 'Anna Schmidt',
      email: 'anna.schmidt@acme.example',
      expected_close_at: Date.UTC(2026, 11, 15, 12),
      created_at: Date.UTC(2026, 8, 1, 10, 22, 31),
      source: 'Website',
    });
    expect(rows.get('Globex — Pilot')).toMatchObject({
      value_minor: 480_050,
      currency: 'USD',
      stage_id: defaultStageId('contacted'),
      owner_id: SAM,
    });
    // Pipedrive keeps the stage a deal was won or lost in; the status decides where it goes.
    expect(rows.get('Initech renewal')).toMatchObject({
      stage_id: defaultStageId('won'),
      status: 'won',
      closed_at: Date.UTC(2026, 9, 30, 12),
    });
    expect(rows.get('Umbrella — Analytics add-on')).toMatchObject({
      stage_id: defaultStageId('lost'),
      status: 'lost',
      close_reason: 'Went with a competitor',
      contact: 'Alice Abernathy',
    });
    expect(rows.get('Acme GmbH — Seat upgrade')).toMatchObject({
      stage_id: defaultStageId('demo'),
      owner_id: SAM,
      contact: 'Anna Schmidt',
    });
    expect(rows.get('Stark Industries — Support plus')).toMatchObject({
      stage_id: defaultStageId('new-lead'),
      owner_id: RITA,
      contact: null,
    });

    // Every row came with its ops, and every deal with the first entry of its stage history.
    expect(
      count(core, `SELECT count(DISTINCT row_id) AS n FROM sync_ops WHERE tbl = 'deals'`),
    ).toBe(6);
    expect(
      count(core, `SELECT count(DISTINCT row_id) AS n FROM sync_ops WHERE tbl = 'accounts'`),
    ).toBe(5);
    expect(
      count(
        core,
        `SELECT count(*) AS n FROM deals d JOIN stage_history h ON h.deal_id = d.id
          WHERE h.to_stage_id = d.stage_id AND h.from_stage_id IS NULL AND h.moved_by = '${RITA}'`,
      ),
    ).toBe(6);
    // New deals go on top of their column, in file order.
    const acme = await core.call('board.cards', { stageId: defaultStageId('qualified') });
    expect(acme.cards[0]?.title).toBe('Acme GmbH — Platform licence');

    expect(progress[0]).toMatchObject({ phase: 'checking', done: 0, total: 6 });
    expect(progress.at(-1)).toMatchObject({ phase: 'writing' });
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    // Once imported, the upload is gone.
    const gone = await apiError(core.call('import.preview', { importId: report.importId }));
    expect(gone).toMatchObject({ code: 'not_found', field: 'importId' });
    core.close();
  });

  it('imports a HubSpot deals export, mapping its default stages', async () => {
    const core = await setUp();
    const { preview, report } = await importText(core, 'deals', fixture('hubspot-deals.csv'));
    expect(preview.source).toBe('hubspot');
    expect(report).toMatchObject({ created: 7, failed: 0, createdAccounts: 7, createdContacts: 0 });
    const rows = deals(core);
    const stage = (title: string) => rows.get(title)?.stage_id;
    expect(stage('Wayne Enterprises - Expansion')).toBe(defaultStageId('contacted'));
    expect(stage('Cyberdyne - Pilot')).toBe(defaultStageId('qualified'));
    expect(stage('Tyrell - Annual licence')).toBe(defaultStageId('demo'));
    expect(stage('Soylent - Renewal')).toBe(defaultStageId('proposal'));
    expect(stage('Oscorp - Multi-year agreement')).toBe(defaultStageId('negotiation'));
    expect(rows.get('Wonka - Onboarding package')).toMatchObject({ status: 'won' });
    expect(rows.get('Hooli - Seat upgrade')).toMatchObject({
      status: 'lost',
      close_reason: 'No budget',
    });
    expect(rows.get('Tyrell - Annual licence')).toMatchObject({
      value_minor: 4_825_050,
      owner_id: RITA,
      next_step: 'Send security questionnaire',
      expected_close_at: Date.UTC(2027, 1, 1),
    });
    expect(rows.get('Wayne Enterprises - Expansion')).toMatchObject({
      value_minor: 2_500_000,
      owner_id: RITA,
    });
    expect(rows.get('Cyberdyne - Pilot')?.owner_id).toBe(SAM);
    core.close();
  });

  it('reports every bad row with its line, column and a plain message, and imports the rest', async () => {
    const core = await setUp();
    const { report } = await importText(core, 'deals', fixture('deals-with-errors.csv'));
    expect(report).toMatchObject({ committed: true, total: 10, created: 4, failed: 6 });
    expect(report.errors).toEqual([
      { line: 5, field: 'value', column: 'Value', message: 'Value “12,5x” is not an amount' },
      {
        line: 7,
        field: 'stage',
        column: 'Stage',
        message:
          'Stage “Closed Won-ish” is not a stage of this pipeline (New lead, Contacted, Qualified, Demo, Proposal, Negotiation, Won, Lost, Onboarding, Active, Renewal due, Advocate)',
      },
      {
        line: 8,
        field: 'title',
        column: 'Title',
        message: 'Title is empty: every deal needs a title',
      },
      {
        line: 9,
        field: 'contactEmail',
        column: 'Email',
        message: 'Contact email “bob@” is not an email address',
      },
      {
        line: 10,
        field: 'owner',
        column: 'Owner',
        message: 'Owner “Zed Nobody” is not a team member (Rita Rep, Sam Seller)',
      },
      {
        line: 11,
        field: 'expectedCloseAt',
        column: 'Expected close date',
        message:
          'Expected close date “31/02/2027” is not a date; write it like 2026-03-31 or 31/03/2026',
      },
    ]);
    const rows = deals(core);
    expect([...rows.keys()].sort()).toEqual([
      'Acme — Pilot',
      'Globex — Licence',
      'Umbrella — Add-on',
      'Wayne — Pilot',
    ]);
    expect(rows.get('Acme — Pilot')).toMatchObject({
      value_minor: 1_250_050,
      expected_close_at: Date.UTC(2026, 11, 31, 12),
    });
    expect(rows.get('Globex — Licence')).toMatchObject({
      value_minor: 120_000,
      owner_id: SAM,
      expected_close_at: Date.UTC(2027, 0, 15, 12),
    });
    expect(rows.get('Wayne — Pilot')).toMatchObject({
      stage_id: defaultStageId('won'),
      status: 'won',
    });
    core.close();
  });

  it('names the other kinds of bad cells too', async () => {
    const core = await setUp();
    const csv = [
      'Title,Value,Currency,Status,Stage,Domain,Created,Contact phone,Source',
      'A,10,Bitcoin,,,,,,',
      'B,10,EUR,pending,,,,,',
      'C,10,EUR,open,Won,,,,',
      'D,10,EUR,,,acme,,,',
      'E,10,EUR,,,,2030-01-01,,',
      'F,10 $,EUR,,,,,,',
      'G,10,EUR,,,,,+49 30 1234,',
      `H,10,EUR,,,,,,${'x'.repeat(101)}`,
      'I,-10,EUR,,,,,,',
    ].join('\n');
    const { report } = await importText(core, 'deals', csv);
    expect(report.errors.map((e) => `${e.line} ${e.column}: ${e.message}`)).toEqual([
      '2 Currency: Currency “Bitcoin” is not a currency; use a code such as EUR or USD',
      '3 Status: Status “pending” is not a status; use open, won or lost',
      '4 Status: Status “open” does not fit stage “Won”, which closes a deal',
      '5 Domain: Account domain “acme” is not a web domain like acme.com',
      '6 Created: Created “2030-01-01” is in the future',
      '7 Value: Value “10 $” is in USD, but the currency column says EUR',
      '8 Contact phone: Contact phone is given, but no contact name or email to attach it to',
      '9 Source: Source is 101 characters long; at most 100 fit',
      '10 Value: Value “-10” is negative; a deal is worth zero or more',
    ]);
    expect(report).toMatchObject({ created: 0, failed: 9 });
    core.close();
  });

  it('writes nothing with all-or-nothing when a row fails', async () => {
    const core = await setUp();
    const before = opCount(core);
    const { report } = await importText(core, 'deals', fixture('deals-with-errors.csv'), {
      allOrNothing: true,
    });
    expect(report).toMatchObject({
      allOrNothing: true,
      committed: false,
      created: 0,
      failed: 6,
      createdAccounts: 0,
    });
    expect(report.errors).toHaveLength(6);
    expect(opCount(core)).toBe(before);
    expect(count(core, 'SELECT count(*) AS n FROM deals')).toBe(0);
    // The file stays, so it can be run again without all-or-nothing.
    const again = await core.call('import.run', {
      importId: report.importId,
      mapping: (await core.call('import.preview', { importId: report.importId })).mapping,
    });
    expect(again).toMatchObject({ committed: true, created: 4, failed: 6 });
    core.close();
  });

  it('writes everything with all-or-nothing when every row is good', async () => {
    const core = await setUp();
    const { report } = await importText(core, 'deals', fixture('hubspot-deals.csv'), {
      allOrNothing: true,
    });
    expect(report).toMatchObject({ committed: true, created: 7, failed: 0 });
    expect(count(core, 'SELECT count(*) AS n FROM deals')).toBe(7);
    core.close();
  });

  it('a dry run writes nothing and says what would happen', async () => {
    const core = await setUp();
    const before = opCount(core);
    const { report } = await importText(core, 'deals', fixture('pipedrive-deals.csv'), {
      dryRun: true,
    });
    expect(report).toMatchObject({
      dryRun: true,
      committed: false,
      created: 6,
      failed: 0,
      createdAccounts: 5,
      createdContacts: 4,
    });
    expect(opCount(core)).toBe(before);
    expect(count(core, 'SELECT count(*) AS n FROM deals')).toBe(0);

    const preview = await core.call('import.preview', { importId: report.importId });
    const real = await core.call('import.run', {
      importId: report.importId,
      mapping: preview.mapping,
    });
    expect(real).toMatchObject({ committed: true, created: 6, createdAccounts: 5 });
    expect(opCount(core)).toBeGreaterThan(before);
    core.close();
  });

  it('finds existing accounts by domain, then by name, and existing contacts by email', async () => {
    const core = await setUp();
    const acme = await core.call('accounts.create', { name: 'Acme GmbH', domain: 'acme.example' });
    const anna = await core.call('contacts.create', {
      firstName: 'Anna',
      lastName: 'Schmidt',
      email: 'anna@acme.example',
      accountId: acme.id,
    });
    const csv = [
      'Title,Company,Website,Contact,Contact email',
      'By domain,Acme Germany,https://www.acme.example,,',
      'By name,ACME GMBH,,,',
      'By email,Other Co,,A. Schmidt,ANNA@acme.example',
      'New company,Initech,initech.example,Bill,bill@initech.example',
      'Same new company,initech,,Bill Again,bill@initech.example',
    ].join('\n');
    const { report } = await importText(core, 'deals', csv);
    expect(report).toMatchObject({ created: 5, createdAccounts: 2, createdContacts: 1 });
    const rows = deals(core);
    expect(rows.get('By domain')?.account).toBe('Acme GmbH');
    expect(rows.get('By name')?.account).toBe('Acme GmbH');
    expect(rows.get('By email')).toMatchObject({ account: 'Other Co', email: anna.email });
    expect(rows.get('New company')).toMatchObject({
      account: 'Initech',
      domain: 'initech.example',
    });
    expect(rows.get('Same new company')).toMatchObject({ account: 'Initech', contact: 'Bill' });
    core.close();
  });

  it('a large import into a smaller workspace builds the indexes once, and keeps every one', async () => {
    const core = await setUp();
    const existing = await core.call('accounts.create', { name: 'Company 7' });
    const indexes = () =>
      core.store.db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name`)
        .all();
    const before = indexes();
    const rows = ['Title,Value,Stage,Owner,Company,Contact email'];
    for (let i = 0; i < 6_000; i++) {
      rows.push(`Deal ${i},${i},Demo,Sam Seller,Company ${i % 50},person${i % 700}@x.example`);
    }
    const { report } = await importText(core, 'deals', rows.join('\n'));
    expect(report).toMatchObject({
      created: 6_000,
      failed: 0,
      createdAccounts: 49,
      createdContacts: 700,
    });
    expect(indexes()).toEqual(before);
    expect(core.store.localSetting('bulk_load_indexes')).toBeNull();
    expect(count(core, `SELECT count(*) AS n FROM deals WHERE account_id = '${existing.id}'`)).toBe(
      120,
    );
    expect(
      count(core, `SELECT count(DISTINCT row_id) AS n FROM sync_ops WHERE tbl = 'deals'`),
    ).toBe(6_000);
    // The indexes are in use again: the board finds the column through them.
    const board = await core.call('board.cards', { stageId: defaultStageId('demo'), limit: 1 });
    expect(board.cards[0]?.title).toBe('Deal 0');
    core.close();
  });
});

describe('importing contacts', () => {
  it('updates contacts matched by email, merges a repeated email, links accounts', async () => {
    const core = await setUp();
    const acme = await core.call('accounts.create', { name: 'Acme GmbH', domain: 'acme.example' });
    const anna = await core.call('contacts.create', {
      firstName: 'Anna',
      lastName: 'Schmidt',
      email: 'anna.schmidt@acme.example',
      title: 'Buyer',
      phone: '+49 30 999',
    });
    const csv = [
      fixture('pipedrive-people.csv').trimEnd(),
      'Jean-Luc Picard,picard@starfleet.example,+1 555 1701,Starfleet,,,',
      'Geordi La Forge,,,,Chief Engineer,,',
    ].join('\n');
    const { preview, report } = await importText(core, 'contacts', csv);
    expect(preview.source).toBe('pipedrive');
    expect(report).toMatchObject({
      total: 4,
      created: 2,
      updated: 2,
      failed: 0,
      createdAccounts: 1,
      createdContacts: 0,
    });
    const updated = await core.call('contacts.get', { id: anna.id });
    expect(updated).toMatchObject({
      title: 'Head of Procurement',
      phone: '+49 30 1234567',
      accountId: acme.id,
      ownerName: 'Rita Rep',
      // Not in the file: kept.
      firstName: 'Anna',
    });
    const { items } = await core.call('contacts.list', { query: 'picard' });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      name: 'Jean-Luc Picard',
      title: 'Captain',
      phone: '+1 555 1701',
      accountName: 'Starfleet',
      ownerName: 'Sam Seller',
    });
    expect(count(core, 'SELECT count(*) AS n FROM contacts')).toBe(3);
    core.close();
  });

  it('imports a HubSpot contacts export', async () => {
    const core = await setUp();
    const { preview, report } = await importText(core, 'contacts', fixture('hubspot-contacts.csv'));
    expect(preview.source).toBe('hubspot');
    expect(report).toMatchObject({ created: 3, failed: 0, createdAccounts: 3 });
    const { items } = await core.call('contacts.list', { query: 'bruce' });
    expect(items[0]).toMatchObject({
      firstName: 'Bruce',
      lastName: 'Wayne',
      email: 'bruce@wayne.example',
      phone: '+1 212 555 0100',
      title: 'CEO',
      accountName: 'Wayne Enterprises',
      city: 'Gotham',
      country: 'United States',
      ownerName: 'Rita Rep',
      createdAt: Date.UTC(2026, 4, 1, 9),
    });
    core.close();
  });

  it('names bad contact cells', async () => {
    const core = await setUp();
    const csv = [
      'Name,Email,Time zone,Preferred channel,Consent,Owner',
      ',x@y.example,,,,',
      'Ada,ada@,Mars/Olympus,pigeon,maybe,Nobody',
    ].join('\n');
    const { report } = await importText(core, 'contacts', csv);
    expect(report.errors.map((e) => `${e.line} ${e.column}: ${e.message}`)).toEqual([
      '2 Name: Full name is empty: every contact needs a name',
      '3 Email: Email “ada@” is not an email address',
      '3 Time zone: Time zone “Mars/Olympus” is not a time zone; use a name such as Europe/Berlin',
      '3 Preferred channel: Preferred channel “pigeon” is not one of call, email, SMS or chat',
      '3 Consent: Consent “maybe” is not one of granted, withdrawn or unknown (yes/no work too)',
      '3 Owner: Owner “Nobody” is not a team member (Rita Rep, Sam Seller)',
    ]);
    expect(report).toMatchObject({ failed: 2, created: 0 });
    core.close();
  });
});
