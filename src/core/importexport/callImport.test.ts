import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '..';
import { defaultStageId } from '../pipeline/defaults';
import { tempDbPath } from '../../../tests/helpers/tempDir';
import {
  apiError,
  fixture,
  importText,
  RITA,
  SAM,
  upload,
  type RunOptions,
} from '../../../tests/helpers/importexport';

const FEB = Date.UTC(2026, 1, 2, 9);
const NOW = Date.UTC(2026, 10, 23, 9);

interface Workspace {
  core: Core;
  /** Anna's two open deals: the older and the newer. */
  olderDeal: string;
  newerDeal: string;
  wonDeal: string;
  anna: string;
  carla: string;
  bob: string;
  setClock(at: number): void;
}

/**
 * A team in Berlin (Rita Rep, signed in, and Sam Seller) with three contacts whose numbers are
 * written the way people type them: Anna Schmidt with two open deals, Carla Jones with a won one,
 * Bob Miller with none. The deals were created in February; it is November now.
 */
async function workspace(): Promise<Workspace> {
  let clock = FEB;
  const core = createCore({ dbPath: tempDbPath(), now: () => clock });
  await core.call('team.setup', {
    teamName: 'Northwind',
    userName: 'Rita Rep',
    email: 'rita@northwind.example',
    currency: 'EUR',
  });
  core.store.write((w) => {
    w.insert('users', { id: SAM, name: 'Sam Seller', email: 'sam@northwind.example', role: 'rep' });
    const team = w.get<{ id: string }>('SELECT id FROM team')!;
    w.update('team', team.id, { time_zone: 'Europe/Berlin' });
  });
  const anna = await core.call('contacts.create', {
    firstName: 'Anna',
    lastName: 'Schmidt',
    phone: '030 1234567',
  });
  const carla = await core.call('contacts.create', {
    firstName: 'Carla',
    lastName: 'Jones',
    phone: '+44 (0)20 7946 0958',
  });
  const bob = await core.call('contacts.create', {
    firstName: 'Bob',
    lastName: 'Miller',
    phone: '415-555-0134',
  });
  const older = await core.call('deals.create', { title: 'Acme — Pilot', contactId: anna.id });
  clock += 86_400_000;
  const newer = await core.call('deals.create', {
    title: 'Acme — Platform licence',
    contactId: anna.id,
  });
  const won = await core.call('deals.create', { title: 'Initech renewal', contactId: carla.id });
  await core.call('deals.move', { id: won.id, stageId: defaultStageId('won'), reason: 'Signed' });
  clock = NOW;
  return {
    core,
    olderDeal: older.id,
    newerDeal: newer.id,
    wonDeal: won.id,
    anna: anna.id,
    carla: carla.id,
    bob: bob.id,
    setClock: (at) => (clock = at),
  };
}

interface CallRow {
  external_id: string | null;
  deal_id: string | null;
  contact_id: string | null;
  rep_id: string | null;
  direction: string;
  phone: string | null;
  started_at: number;
  ended_at: number;
  disposition: string | null;
  notes: string | null;
}

function calls(core: Core): Map<string, CallRow> {
  const rows = core.store.db
    .prepare(
      `SELECT external_id, deal_id, contact_id, rep_id, direction, phone, started_at, ended_at,
              disposition, notes FROM calls ORDER BY started_at`,
    )
    .all() as CallRow[];
  return new Map(rows.map((row) => [row.external_id ?? String(row.started_at), row]));
}

const importCalls = (core: Core, name: string, options: RunOptions = {}) =>
  importText(core, 'calls', fixture(name), options);

describe('importing a dialer’s call log', () => {
  it('imports an Aircall export: times in the team’s zone, numbers matched to contacts and their newest open deal', async () => {
    const w = await workspace();
    const { preview, report } = await importCalls(w.core, 'aircall-calls.csv');
    expect(preview).toMatchObject({ source: 'aircall', rows: 6, timeZone: 'Europe/Berlin' });
    expect(preview.mapping).toMatchObject({
      id: 'callId',
      direction: 'direction',
      status: 'disposition',
      started_at: 'startedAt',
      answered_at: 'answered',
      ended_at: 'endedAt',
      duration: 'duration',
      raw_digits: 'phone',
      user_email: 'rep',
      comments: 'notes',
      user_name: null,
      number_digits: null,
    });
    expect(report).toMatchObject({
      committed: true,
      total: 6,
      created: 6,
      failed: 0,
      // Anna twice, Carla and Bob; the French and the mobile number are nobody's.
      matchedContacts: 4,
      // Anna's calls go to her newer open deal; Carla's deal is won, Bob has none.
      matchedDeals: 2,
      duplicates: 0,
      errors: [],
    });

    const rows = calls(w.core);
    // 09:15:04 in Berlin in March (UTC+1).
    expect(rows.get('3916681')).toEqual({
      external_id: '3916681',
      deal_id: w.newerDeal,
      contact_id: w.anna,
      rep_id: RITA,
      direction: 'outbound',
      phone: '+49 30 1234567',
      started_at: Date.UTC(2026, 2, 2, 8, 15, 4),
      ended_at: Date.UTC(2026, 2, 2, 8, 27, 40),
      disposition: 'connected',
      notes: 'Demo went well; wants pricing by Friday',
    });
    expect(rows.get('3916702')).toMatchObject({
      contact_id: w.carla,
      deal_id: null,
      rep_id: SAM,
      disposition: 'no-answer',
    });
    // A missed call to the main line: nobody took it, so it has no rep.
    expect(rows.get('3916733')).toMatchObject({
      contact_id: w.bob,
      rep_id: null,
      direction: 'inbound',
      disposition: 'voicemail',
    });
    expect(rows.get('3916790')).toMatchObject({
      contact_id: null,
      deal_id: null,
      phone: '+33 6 12 34 56 78',
      disposition: 'no-answer',
    });
    expect(rows.get('3916815')).toMatchObject({
      contact_id: w.anna,
      deal_id: w.newerDeal,
      disposition: 'no-answer',
    });

    // The calls count as activity on the deal: its last activity is the newest call's end.
    const deal = await w.core.call('deals.get', { id: w.newerDeal });
    expect(deal.lastActivityAt).toBe(Date.UTC(2026, 2, 3, 7, 5, 20));
    const older = await w.core.call('deals.get', { id: w.olderDeal });
    expect(older.lastActivityAt).toBe(FEB);
    // And they show in the deal's call history, newest first.
    const history = await w.core.call('calls.list', { dealId: w.newerDeal });
    expect(history.map((call) => call.disposition)).toEqual(['no-answer', 'connected']);
    w.core.close();
  });

  it('adds nothing when the same export is imported again', async () => {
    const w = await workspace();
    await importCalls(w.core, 'aircall-calls.csv');
    const before = w.core.store.db.prepare('SELECT count(*) AS n FROM sync_ops').get();
    const { report } = await importCalls(w.core, 'aircall-calls.csv');
    expect(report).toMatchObject({ created: 0, duplicates: 6, failed: 0, committed: true });
    expect(calls(w.core).size).toBe(6);
    expect(w.core.store.db.prepare('SELECT count(*) AS n FROM sync_ops').get()).toEqual(before);

    // Without call ids, the same rep, number and start is the same call.
    const withoutIds = fixture('aircall-calls.csv').replace(/^(\d+|id),/gm, 'x,');
    const again = await importText(w.core, 'calls', withoutIds, {});
    expect(again.report).toMatchObject({ created: 0, duplicates: 6 });
    w.core.close();
  });

  it('reads times without an offset in the zone chosen for the file, and offsets as given', async () => {
    const w = await workspace();
    const { report } = await importCalls(w.core, 'aircall-calls.csv', {
      timeZone: 'America/New_York',
    });
    expect(report.created).toBe(6);
    // 09:15:04 in New York on 2 March 2026 (UTC−5).
    expect(calls(w.core).get('3916681')?.started_at).toBe(Date.UTC(2026, 2, 2, 14, 15, 4));

    const generic = await importCalls(w.core, 'calls-with-errors.csv', { timeZone: 'Asia/Tokyo' });
    expect(generic.report.created).toBeGreaterThan(0);
    // "2026-03-06T10:00:00+01:00" is 09:00 UTC whatever zone the file is read in.
    expect(calls(w.core).get('G-1')?.started_at).toBe(Date.UTC(2026, 2, 6, 9));

    const bad = await apiError(
      w.core.call('import.run', {
        importId: await upload(w.core, 'calls', fixture('aircall-calls.csv')),
        mapping: { started_at: 'startedAt' },
        timeZone: 'Mars/Olympus',
      }),
    );
    expect(bad).toMatchObject({ code: 'invalid_input', field: 'timeZone' });
    w.core.close();
  });

  it('reads a RingCentral log with its date and time columns; the dialer users the team does not know are reported until they are matched', async () => {
    const w = await workspace();
    const importId = await upload(w.core, 'calls', fixture('ringcentral-calls.csv'));
    const preview = await w.core.call('import.preview', { importId });
    expect(preview.source).toBe('ringcentral');
    expect(preview.mapping).toMatchObject({
      'Session Id': 'callId',
      Direction: 'direction',
      From: 'fromNumber',
      To: 'toNumber',
      Extension: 'rep',
      Date: 'startedAt',
      Time: 'startTime',
      'Action Result': 'disposition',
      'Result Description': null,
      Duration: 'duration',
      Type: null,
    });
    const { reps } = await w.core.call('import.reps', { importId, column: 'Extension' });
    expect(reps).toEqual([
      { value: '101 - Rita Rep', calls: 3, userId: RITA },
      { value: '102', calls: 2, userId: null },
    ]);

    const dry = await w.core.call('import.run', {
      importId,
      mapping: preview.mapping,
      timeZone: 'America/Los_Angeles',
      dryRun: true,
    });
    expect(dry).toMatchObject({ committed: false, created: 3, failed: 2 });
    expect(dry.errors).toEqual([
      {
        line: 3,
        field: 'rep',
        column: 'Extension',
        message:
          'Rep “102” is not a team member (Rita Rep, Sam Seller); choose who they are under Reps, or add them to the team',
      },
      expect.objectContaining({ line: 4, field: 'rep' }),
    ]);
    expect(calls(w.core).size).toBe(0);

    const report = await w.core.call('import.run', {
      importId,
      mapping: preview.mapping,
      timeZone: 'America/Los_Angeles',
      reps: { '102': SAM },
    });
    expect(report).toMatchObject({ created: 5, failed: 0, matchedContacts: 4, matchedDeals: 1 });
    const rows = calls(w.core);
    // "Wed 03/04/2026 9:05 AM": month first (the file has 03/13), in Los Angeles (UTC−8).
    expect(rows.get('18324501004')).toMatchObject({
      started_at: Date.UTC(2026, 2, 4, 17, 5),
      ended_at: Date.UTC(2026, 2, 4, 17, 17, 3),
      direction: 'outbound',
      phone: '+49 30 1234567',
      contact_id: w.anna,
      deal_id: w.newerDeal,
      rep_id: RITA,
      disposition: 'connected',
    });
    // Inbound: the customer is the caller. After the change to summer time on 8 March (UTC−7).
    expect(rows.get('18324501007')).toMatchObject({
      started_at: Date.UTC(2026, 2, 13, 23, 30),
      direction: 'inbound',
      phone: '+44 20 7946 0958',
      contact_id: w.carla,
      disposition: 'connected',
    });
    expect(rows.get('18324501005')).toMatchObject({ rep_id: SAM, disposition: 'no-answer' });
    expect(rows.get('18324501006')).toMatchObject({ rep_id: SAM, disposition: 'no-answer' });
    expect(rows.get('18324501008')).toMatchObject({ contact_id: null, disposition: 'busy' });
    w.core.close();
  });

  it('reads a Dialpad log: categories for the outcome, the rep by email', async () => {
    const w = await workspace();
    const { preview, report } = await importCalls(w.core, 'dialpad-calls.csv', {
      timeZone: 'UTC',
    });
    expect(preview.source).toBe('dialpad');
    expect(preview.mapping).toMatchObject({
      call_id: 'callId',
      date_started: 'startedAt',
      date_connected: 'answered',
      date_ended: 'endedAt',
      external_number: 'phone',
      email: 'rep',
      name: null,
      categories: 'disposition',
      internal_number: null,
    });
    expect(report).toMatchObject({ created: 4, failed: 0, matchedContacts: 4, matchedDeals: 1 });
    const rows = calls(w.core);
    expect(rows.get('5093817263104000')).toMatchObject({
      rep_id: SAM,
      contact_id: w.anna,
      disposition: 'connected',
      ended_at: Date.UTC(2026, 2, 5, 16, 10, 2),
    });
    expect(rows.get('5093817263104001')).toMatchObject({
      contact_id: w.bob,
      direction: 'inbound',
      disposition: 'voicemail',
    });
    expect(rows.get('5093817263104002')).toMatchObject({ rep_id: RITA, disposition: 'no-answer' });
    w.core.close();
  });

  it('names each bad row by line and reason, imports the rest, and skips a call repeated in the file', async () => {
    const w = await workspace();
    const { preview, report } = await importCalls(w.core, 'calls-with-errors.csv', {
      timeZone: 'UTC',
    });
    expect(preview.source).toBe('generic');
    expect(report).toMatchObject({ total: 9, created: 2, duplicates: 1, failed: 6 });
    expect(report.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [
        3,
        'Start',
        'Started “31/02/2026 10:00” is not a date and time; write it like 2026-03-31 14:05 or 31/03/2026 2:05 PM',
      ],
      [4, 'End', 'Ended “06/03/2026 10:59” is before the call started (“06/03/2026 11:00”)'],
      [
        5,
        'Rep',
        'Rep “Zed Nobody” is not a team member (Rita Rep, Sam Seller); choose who they are under Reps, or add them to the team',
      ],
      [
        6,
        'Outcome',
        'Outcome “sort of” is not one we know; use connected, no answer, busy, voicemail, wrong number, not interested or meeting booked',
      ],
      [
        9,
        'Start',
        'Started “01/01/2027 10:00” is in the future; check the time zone the file is read in (UTC)',
      ],
      [10, 'Direction', 'Direction “sideways” is neither inbound nor outbound'],
    ]);
    const rows = calls(w.core);
    expect([...rows.keys()]).toEqual(['G-1', 'G-7']);
    expect(rows.get('G-1')).toMatchObject({
      ended_at: Date.UTC(2026, 2, 6, 9, 5, 30),
      disposition: 'voicemail',
      notes: 'Left a message about the renewal',
      deal_id: w.newerDeal,
    });
    expect(rows.get('G-7')).toMatchObject({
      direction: 'inbound',
      contact_id: w.anna,
      rep_id: SAM,
      ended_at: Date.UTC(2026, 2, 6, 13, 4, 30),
      disposition: 'no-answer',
    });

    // All or nothing: nothing at all.
    const strict = await importCalls(w.core, 'calls-with-errors.csv', {
      timeZone: 'UTC',
      allOrNothing: true,
    });
    expect(strict.report).toMatchObject({ committed: false, created: 0, failed: 6 });
    w.core.close();
  });

  it('makes the calls the importer’s when the file names no rep, infers the direction from the number that is a customer’s, and stops a deal rotting', async () => {
    const w = await workspace();
    const yesterday = new Date(NOW - 86_400_000).toISOString().slice(0, 16).replace('T', ' ');
    const board = async () =>
      (await w.core.call('board.cards', { stageId: defaultStageId('new-lead') })).cards.find(
        (card) => card.id === w.newerDeal,
      );
    expect((await board())?.rotting).toBe(true);
    const { report } = await importText(
      w.core,
      'calls',
      `Start,Duration,From,To,Result\r\n${yesterday},125,(030) 123-4567,+1 650 555 0100,answered\r\n`,
      { timeZone: 'UTC' },
    );
    expect(report).toMatchObject({ created: 1, matchedContacts: 1, matchedDeals: 1 });
    const [call] = await w.core.call('calls.list', { dealId: w.newerDeal });
    expect(call).toMatchObject({
      repId: RITA,
      direction: 'inbound',
      phone: '(030) 123-4567',
      disposition: 'connected',
    });
    expect(call!.endedAt! - call!.startedAt).toBe(125_000);
    expect((await board())?.rotting).toBe(false);

    // The activity dashboard counts it for Rita.
    const activity = await w.core.call('dashboard.activity', {
      from: NOW - 2 * 86_400_000,
      to: NOW,
    });
    const rita = activity.reps.find((rep) => rep.repId === RITA);
    expect(rita).toMatchObject({ calls: 1, connects: 1 });
    w.core.close();
  });

  it('refuses a mapping without a start, and a column it does not have', async () => {
    const w = await workspace();
    const importId = await upload(w.core, 'calls', fixture('aircall-calls.csv'));
    const noStart = await apiError(
      w.core.call('import.run', { importId, mapping: { raw_digits: 'phone' } }),
    );
    expect(noStart.message).toContain('map a column to Started');
    const noColumn = await apiError(w.core.call('import.reps', { importId, column: 'Agent' }));
    expect(noColumn).toMatchObject({ field: 'column' });
    w.core.close();
  });
});
