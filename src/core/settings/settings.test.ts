import { afterEach, describe, expect, it } from 'vitest';
import { tempDbPath } from '../../../tests/helpers/tempDir';
import { ApiError } from '../../shared/contract';
import type { Role } from '../../shared/domain';
import { DEFAULT_FOLLOW_UP_RULES, type FollowUpRules } from '../../shared/domain/followUpRules';
import { createCore, type Core } from '../createCore';
import { SyncEngine, engineOptions } from '../sync';
import { MemoryHub, MemoryTransport } from '../sync/memoryTransport';
import { userIdForEmail } from '../team';
import { SETTING_IDS } from './index';

/** 2026-11-30 is a Monday; New York is UTC-5 then. 10:00 in New York. */
const MONDAY_10_NY = Date.parse('2026-11-30T15:00:00Z');
const MINUTE = 60_000;

const open: Core[] = [];
afterEach(() => {
  for (const core of open.splice(0)) core.close();
});

/** A laptop whose team was set up by an admin, signed in as `role` (the admin by default). */
async function laptop(role: Role = 'admin', name = 'Ada Admin'): Promise<Core> {
  const core = createCore({
    dbPath: tempDbPath(),
    now: () => MONDAY_10_NY,
    sync: { autoStart: false, pollMs: 50, debounceMs: 60_000 },
  });
  open.push(core);
  await core.call('team.setup', {
    teamName: 'Northwind',
    userName: 'Ada Admin',
    email: 'ada@northwind.example',
    currency: 'USD',
  });
  if (role !== 'admin') signIn(core, role, name);
  return core;
}

/** Someone else on the team signs in on this laptop. */
function signIn(core: Core, role: Role, name: string): void {
  const email = `${name.split(' ')[0]!.toLowerCase()}@northwind.example`;
  const id = userIdForEmail(email);
  core.store.write((w) => {
    if (!w.get('SELECT 1 AS x FROM users WHERE id = ?', id)) {
      w.insert('users', { id, name, email, role });
    }
  });
  core.store.setLocalSetting('current_user_id', id);
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

const rulesWith = (change: (rules: FollowUpRules) => void): FollowUpRules => {
  const rules = structuredClone(DEFAULT_FOLLOW_UP_RULES);
  change(rules);
  return rules;
};

/** Store a raw value as if it had arrived from another laptop running another version. */
function storeRaw(core: Core, id: string, value: string | null): void {
  core.store.write((w) => {
    if (w.get('SELECT 1 AS x FROM team_settings WHERE id = ?', id)) {
      w.update('team_settings', id, { value });
    } else w.insert('team_settings', { id, value });
  });
}

async function noAnswerCall(core: Core) {
  const contact = await core.call('contacts.create', {
    firstName: 'Anna',
    lastName: 'Schmidt',
    timeZone: 'America/New_York',
  });
  const call = await core.call('calls.start', { contactId: contact.id });
  return core.call('calls.end', { id: call.id, disposition: 'no-answer' });
}

describe('team settings', () => {
  it('are the built-in defaults until someone changes them', async () => {
    const core = await laptop();
    expect(await core.call('settings.get')).toEqual({
      followUpRules: DEFAULT_FOLLOW_UP_RULES,
      unreadableRules: [],
      phoneScheme: 'tel:',
      canEdit: true,
      updatedAt: null,
      updatedBy: null,
    });
  });

  it('a manager changes the rules and the phone scheme, each stored as its own row', async () => {
    const core = await laptop('manager', 'Mia Manager');
    const rules = rulesWith((r) => {
      r.noAnswer.firstRetryMinutes = 30;
      r.workingHours = { days: [5, 1, 2, 3, 4, 6], start: '08:00', end: '18:00' };
    });
    const saved = await core.call('settings.update', { followUpRules: rules });
    expect(saved.followUpRules.noAnswer.firstRetryMinutes).toBe(30);
    // Days come back in week order, whatever order they were picked in.
    expect(saved.followUpRules.workingHours.days).toEqual([1, 2, 3, 4, 5, 6]);
    expect(saved).toMatchObject({
      phoneScheme: 'tel:',
      canEdit: true,
      updatedAt: MONDAY_10_NY,
      updatedBy: 'Mia Manager',
    });

    const after = await core.call('settings.update', { phoneScheme: 'sip:' });
    expect(after.phoneScheme).toBe('sip:');
    expect(after.followUpRules).toEqual(saved.followUpRules);
    const rows = core.store.prepare('SELECT id, value FROM team_settings ORDER BY id').all() as {
      id: string;
      value: string;
    }[];
    expect(rows.map((row) => row.id)).toEqual([SETTING_IDS.followUpRules, SETTING_IDS.phoneScheme]);
    expect(JSON.parse(rows[1]!.value)).toBe('sip:');
    expect(await core.call('settings.get')).toEqual(after);
  });

  it('refuses changes from reps and customer success, who still read them', async () => {
    for (const [role, name] of [
      ['rep', 'Ray Rep'],
      ['success', 'Sue Success'],
    ] as const) {
      const core = await laptop(role, name);
      const error = await failure(core.call('settings.update', { phoneScheme: 'sip:' }));
      expect(error).toMatchObject({
        code: 'unauthorized',
        message: 'only manager or admin users can change team settings such as the follow-up rules',
      });
      const settings = await core.call('settings.get');
      expect(settings).toMatchObject({ canEdit: false, phoneScheme: 'tel:', updatedAt: null });
      expect(core.store.prepare('SELECT count(*) AS n FROM team_settings').get()).toEqual({
        n: 0,
      });
    }
  });

  it('names the field of every rule that does not make sense', async () => {
    const core = await laptop();
    const cases: [FollowUpRules | Record<string, unknown>, string, RegExp][] = [
      [rulesWith((r) => (r.workingHours.start = '9:00' as never)), 'workingHours.start', /HH:MM/],
      [rulesWith((r) => (r.workingHours.end = '24:30' as never)), 'workingHours.end', /HH:MM/],
      [
        rulesWith((r) => (r.workingHours = { days: [1], start: '17:00', end: '09:00' })),
        'workingHours.end',
        /end after it starts/,
      ],
      [rulesWith((r) => (r.workingHours.days = [])), 'workingHours.days', /at least one/],
      [rulesWith((r) => (r.workingHours.days = [1, 8])), 'workingHours.days[1]', /1 \(Monday\)/],
      [rulesWith((r) => (r.workingHours.days = [2, 2])), 'workingHours.days', /each day once/],
      [
        rulesWith((r) => (r.noAnswer.firstRetryMinutes = 0)),
        'noAnswer.firstRetryMinutes',
        /at least 1/,
      ],
      [
        rulesWith((r) => (r.noAnswer.firstRetryMinutes = 2.5)),
        'noAnswer.firstRetryMinutes',
        /whole minutes/,
      ],
      [rulesWith((r) => (r.busy.retryMinutes = 100_000)), 'busy.retryMinutes', /at most 1440/],
      [rulesWith((r) => (r.noAnswer.giveUpAfter = 0)), 'noAnswer.giveUpAfter', /at least 1/],
      [rulesWith((r) => (r.newLead.withinMinutes = -5)), 'newLead.withinMinutes', /at least 1/],
      [rulesWith((r) => (r.connected.inWorkingDays = 31)), 'connected.inWorkingDays', /at most 30/],
      [
        rulesWith((r) => (r.voicemail.nextWorkingDayAt = 'ten' as never)),
        'voicemail.nextWorkingDayAt',
        /HH:MM/,
      ],
      [{ ...DEFAULT_FOLLOW_UP_RULES, version: 2 }, 'version', /version 1/],
      [
        { ...DEFAULT_FOLLOW_UP_RULES, busy: { retryMinutes: 30, ringTwice: true } },
        'busy.ringTwice',
        /unknown field/,
      ],
    ];
    for (const [followUpRules, field, message] of cases) {
      const error = await failure(core.call('settings.update', { followUpRules }));
      expect(error.code, field).toBe('invalid_input');
      expect(error.field, field).toBe(`followUpRules.${field}`);
      expect(error.message, field).toMatch(message);
    }
    const scheme = await failure(core.call('settings.update', { phoneScheme: 'https:' }));
    expect(scheme).toMatchObject({ code: 'invalid_input', field: 'phoneScheme' });
    expect(scheme.message).toContain('tel:, callto: or sip:');
    expect((await failure(core.call('settings.update', {}))).message).toContain(
      'give followUpRules or phoneScheme',
    );
    // Nothing of it was stored.
    expect((await core.call('settings.get')).updatedAt).toBeNull();
  });

  it('reads stored rules from another version field by field, and never fails on them', async () => {
    const core = await laptop();
    // A newer version: version 2, a section and a field this one does not know, one field of a
    // shape it cannot read, a working day that ends before it starts.
    storeRaw(
      core,
      SETTING_IDS.followUpRules,
      JSON.stringify({
        version: 2,
        workingHours: { days: [1, 2, 3, 4], start: '18:00', end: '08:00' },
        newLead: { withinMinutes: 3 },
        noAnswer: { firstRetryMinutes: 45, nextMorningAt: { hour: 8 }, giveUpAfter: 4 },
        busy: { retryMinutes: 15, smsFirst: true },
        voicemail: 'next day',
        connected: { inWorkingDays: 3, at: '11:00' },
        meetingBooked: { remindBeforeMinutes: 60 },
      }),
    );
    const settings = await core.call('settings.get');
    expect(settings.followUpRules).toEqual({
      version: 1,
      workingHours: DEFAULT_FOLLOW_UP_RULES.workingHours,
      newLead: { withinMinutes: 3 },
      noAnswer: { firstRetryMinutes: 45, nextMorningAt: '09:00', giveUpAfter: 4 },
      busy: { retryMinutes: 15 },
      voicemail: DEFAULT_FOLLOW_UP_RULES.voicemail,
      connected: { inWorkingDays: 3, at: '11:00' },
    });
    expect(settings.unreadableRules).toEqual([
      'workingHours',
      'noAnswer.nextMorningAt',
      'voicemail',
    ]);
    // The readable parts are the rules the calls use: 45 minutes after the first no-answer.
    expect((await noAnswerCall(core)).proposal.dueAt).toBe(MONDAY_10_NY + 45 * MINUTE);

    for (const raw of ['{not json', '[1,2]', 'null', '"tel:"', null]) {
      storeRaw(core, SETTING_IDS.followUpRules, raw);
      const fallback = await core.call('settings.get');
      expect(fallback.followUpRules, String(raw)).toEqual(DEFAULT_FOLLOW_UP_RULES);
      expect(fallback.unreadableRules, String(raw)).toEqual(raw === null ? [] : ['followUpRules']);
    }
    expect((await noAnswerCall(core)).proposal.reason).toBe('No answer: try again in 2 hours');

    storeRaw(core, SETTING_IDS.phoneScheme, '"skype:"');
    expect((await core.call('settings.get')).phoneScheme).toBe('tel:');
    storeRaw(core, SETTING_IDS.phoneScheme, 'callto:');
    expect((await core.call('settings.get')).phoneScheme).toBe('tel:');
  });

  it('ending a call proposes the follow-up by the team’s current rules', async () => {
    const core = await laptop('manager', 'Mia Manager');
    const before = await noAnswerCall(core);
    expect(before.proposal.dueAt).toBe(MONDAY_10_NY + 120 * MINUTE);

    await core.call('settings.update', {
      followUpRules: rulesWith((r) => (r.noAnswer.firstRetryMinutes = 30)),
    });
    const after = await noAnswerCall(core);
    expect(after.proposal).toEqual({
      dueAt: MONDAY_10_NY + 30 * MINUTE,
      reason: 'No answer: try again in 30 minutes',
    });

    // Working hours in the contact's zone: a day that ends at 10:15 New York sends the retry to
    // the next working morning, at the rule's time.
    await core.call('settings.update', {
      followUpRules: rulesWith((r) => {
        r.noAnswer.firstRetryMinutes = 30;
        r.noAnswer.nextMorningAt = '08:30';
        r.workingHours = { days: [1, 2, 3, 4, 5], start: '08:00', end: '10:15' };
      }),
    });
    const late = await noAnswerCall(core);
    expect(late.proposal.dueAt).toBe(Date.parse('2026-12-01T13:30:00Z')); // Tue 08:30 New York
  });

  it('a manager’s change reaches a rep’s laptop through sync; edits of two settings both survive', async () => {
    const hub = new MemoryHub();
    const managerLaptop = await laptop('manager', 'Mia Manager');
    const repLaptop = await laptop('rep', 'Ray Rep');
    const engines = [managerLaptop, repLaptop].map(
      (core) =>
        new SyncEngine(
          core.store,
          core.events,
          new MemoryTransport(hub),
          { kind: 'folder', path: 'memory', name: 'Test' },
          engineOptions(core.context),
        ),
    );
    const syncAll = async () => {
      for (let round = 0; round < 2; round++) for (const engine of engines) await engine.syncNow();
    };

    await managerLaptop.call('settings.update', {
      followUpRules: rulesWith((r) => (r.noAnswer.firstRetryMinutes = 30)),
    });
    // An admin on the rep's laptop (before the rep signed in there) picks the softphone meanwhile.
    signIn(repLaptop, 'admin', 'Ada Admin');
    await repLaptop.call('settings.update', { phoneScheme: 'sip:' });
    signIn(repLaptop, 'rep', 'Ray Rep');
    await syncAll();

    const onRepLaptop = await repLaptop.call('settings.get');
    expect(onRepLaptop.followUpRules.noAnswer.firstRetryMinutes).toBe(30);
    expect(onRepLaptop.phoneScheme).toBe('sip:');
    expect(onRepLaptop.canEdit).toBe(false);
    expect((await managerLaptop.call('settings.get')).phoneScheme).toBe('sip:');
    expect((await noAnswerCall(repLaptop)).proposal.dueAt).toBe(MONDAY_10_NY + 30 * MINUTE);
  });
});
