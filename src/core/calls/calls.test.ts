import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../../../tests/helpers/tempDir';
import { ApiError } from '../../shared/contract';
import { createCore } from '../createCore';

/** 2026-11-30 is a Monday; New York is UTC-5 then. */
const MONDAY_10_NY = Date.parse('2026-11-30T15:00:00Z');

async function setUp() {
  let now = MONDAY_10_NY;
  const core = createCore({ dbPath: tempDbPath(), now: () => now });
  await core.call('team.setup', {
    teamName: 'Northwind',
    userName: 'Rita Rep',
    email: 'rita@northwind.example',
    currency: 'USD',
  });
  const contact = await core.call('contacts.create', {
    firstName: 'Anna',
    lastName: 'Schmidt',
    timeZone: 'America/New_York',
  });
  const deal = await core.call('deals.create', { title: 'Fleet rollout', contactId: contact.id });
  return {
    core,
    contact,
    deal,
    advance: (ms: number) => {
      now += ms;
    },
  };
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

describe('calls', () => {
  it('start, end with a disposition, and the follow-up proposed by the rules in the contact’s time', async () => {
    const { core, deal, advance } = await setUp();
    const call = await core.call('calls.start', { dealId: deal.id, phone: '+1 212 555 0100' });
    expect(call).toMatchObject({ startedAt: MONDAY_10_NY, endedAt: null, disposition: null });
    expect((await core.call('calls.list', { dealId: deal.id }))[0]?.id).toBe(call.id);

    advance(40_000);
    const first = await core.call('calls.end', { id: call.id, disposition: 'no-answer' });
    expect(first.call).toMatchObject({ endedAt: MONDAY_10_NY + 40_000, disposition: 'no-answer' });
    // 10:00:40 New York + 2 hours.
    expect(first.proposal).toEqual({
      dueAt: MONDAY_10_NY + 40_000 + 2 * 3_600_000,
      reason: 'No answer: try again in 2 hours',
    });

    // The second unanswered call in a row: the next working morning, 09:00 New York.
    advance(2 * 3_600_000);
    const again = await core.call('calls.start', { dealId: deal.id });
    const second = await core.call('calls.end', { id: again.id, disposition: 'no-answer' });
    expect(second.proposal.dueAt).toBe(Date.parse('2026-12-01T14:00:00Z'));

    // A call is activity on its deal, and its next step becomes the deal's.
    const answered = await core.call('calls.start', { dealId: deal.id });
    const ended = await core.call('calls.end', {
      id: answered.id,
      disposition: 'connected',
      notes: 'Wants a pilot in Q1.',
      nextStep: 'Send the pilot plan',
      nextStepAt: Date.parse('2026-12-03T16:00:00Z'),
    });
    expect(ended.proposal.dueAt).toBe(Date.parse('2026-12-03T16:00:00Z'));
    const after = await core.call('deals.get', { id: deal.id });
    expect(after.nextStep).toBe('Send the pilot plan');
    expect(after.lastActivityAt).toBe(ended.call.endedAt);

    expect(
      await failure(core.call('calls.end', { id: answered.id, disposition: 'busy' })),
    ).toMatchObject({ code: 'conflict' });
    core.close();
  });

  it('logs a call made earlier, and names what is wrong with one that cannot be', async () => {
    const { core, contact } = await setUp();
    const logged = await core.call('calls.log', {
      contactId: contact.id,
      startedAt: MONDAY_10_NY - 86_400_000,
      endedAt: MONDAY_10_NY - 86_400_000 + 300_000,
      disposition: 'voicemail',
    });
    expect(logged).toMatchObject({ contactId: contact.id, disposition: 'voicemail' });
    expect(await core.call('calls.list', { contactId: contact.id })).toHaveLength(1);

    const backwards = await failure(
      core.call('calls.log', {
        contactId: contact.id,
        startedAt: MONDAY_10_NY,
        endedAt: MONDAY_10_NY - 1,
        disposition: 'connected',
      }),
    );
    expect(backwards).toMatchObject({ code: 'invalid_input', field: 'endedAt' });
    expect(backwards.message).toContain('cannot end before it started');
    const nobody = await failure(
      core.call('calls.log', { startedAt: 1, endedAt: 2, disposition: 'busy' }),
    );
    expect(nobody.message).toContain('give dealId or contactId');
    const ghost = await failure(
      core.call('calls.start', { dealId: '0190f2a4-0000-7000-8000-00000000dead' }),
    );
    expect(ghost).toMatchObject({ field: 'dealId' });
    core.close();
  });
});

describe('follow-ups', () => {
  it('plans the proposed follow-up, shows it on the deal, snoozes it and marks it done', async () => {
    const { core, deal, contact } = await setUp();
    const call = await core.call('calls.start', { dealId: deal.id });
    const { proposal } = await core.call('calls.end', { id: call.id, disposition: 'voicemail' });
    const planned = await core.call('followUps.create', {
      dealId: deal.id,
      dueAt: proposal.dueAt!,
      title: proposal.reason,
    });
    // The deal's contact's time zone comes along, for "10:00 their time" in the reminders.
    expect(planned).toMatchObject({
      dealTitle: 'Fleet rollout',
      status: 'open',
      kind: 'call',
      contactTimeZone: 'America/New_York',
    });
    expect((await core.call('deals.get', { id: deal.id })).followUpAt).toBe(proposal.dueAt);

    const sooner = await core.call('followUps.create', {
      contactId: contact.id,
      dueAt: MONDAY_10_NY + 600_000,
    });
    expect(sooner).toMatchObject({
      contactName: 'Anna Schmidt',
      contactTimeZone: 'America/New_York',
    });
    expect((await core.call('followUps.list', {})).map((f) => f.id)).toEqual([
      sooner.id,
      planned.id,
    ]);

    const later = proposal.dueAt! + 86_400_000;
    await core.call('followUps.snooze', { id: planned.id, until: later });
    expect((await core.call('deals.get', { id: deal.id })).followUpAt).toBe(later);
    await core.call('followUps.done', { id: planned.id });
    expect((await core.call('deals.get', { id: deal.id })).followUpAt).toBeNull();
    expect((await core.call('followUps.list', { scope: 'team' })).map((f) => f.id)).toEqual([
      sooner.id,
    ]);
    const ghost = await failure(
      core.call('followUps.create', {
        contactId: '0190f2a4-0000-7000-8000-00000000dead',
        dueAt: 1,
      }),
    );
    expect(ghost).toMatchObject({ field: 'contactId' });
    core.close();
  });
});

describe('speed to lead', () => {
  it('plans a new lead’s first call by the team’s rule, in the contact’s working hours', async () => {
    const { core, contact, advance } = await setUp();
    const mine = () => core.call('followUps.list', { scope: 'mine' });
    // Asked for, in the first stage: within 5 minutes (10:00 in New York is working time).
    const lead = await core.call('deals.create', {
      title: 'Inbound: Globex',
      contactId: contact.id,
      planFirstCall: true,
    });
    const [first] = await mine();
    expect(first).toMatchObject({
      dealId: lead.id,
      kind: 'call',
      dueAt: MONDAY_10_NY + 5 * 60_000,
    });
    expect(first!.title).toMatch(/within 5 minutes/);
    expect((await core.call('deals.get', { id: lead.id })).followUpAt).toBe(first!.dueAt);

    // Not asked, a follow-up time given, or a deal further down the pipeline: nothing planned.
    const stages = (await core.call('stages.list')).stages;
    const later = stages.find((s) => s.phaseId === 'conversion')!;
    await core.call('deals.create', { title: 'Imported by script', contactId: contact.id });
    await core.call('deals.create', {
      title: 'Planned by hand',
      planFirstCall: true,
      followUpAt: MONDAY_10_NY + 86_400_000,
    });
    await core.call('deals.create', { title: 'Late', stageId: later.id, planFirstCall: true });
    expect(await mine()).toHaveLength(1);

    // A lead arriving at 20:00 in New York: first thing the next working morning there.
    advance(10 * 3_600_000);
    const evening = await core.call('deals.create', {
      title: 'Inbound: Initech',
      contactId: contact.id,
      planFirstCall: true,
    });
    const planned = (await mine()).find((f) => f.dealId === evening.id)!;
    expect(planned.dueAt).toBe(Date.parse('2026-12-01T14:00:00Z')); // Tuesday 09:00 New York
    expect(planned.title).toMatch(/outside working hours/);
    core.close();
  });
});
