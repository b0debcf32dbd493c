/**
 * A handover from draft to accepted: required sections, a success owner, versions on every
 * submission, changes requested with comments, the diff between versions, acceptance moving the
 * customer into Onboarding with a renewal reminder, who may do what, and the Markdown export.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  fixtureDeal,
  idOf,
  NOV,
  RENEWAL,
  STAGE,
  teamLaptop,
  winDeal,
  type Laptop,
} from '../../../tests/helpers/handoverTeam';
import { ApiError } from '../../shared/contract';

const open: Laptop[] = [];
afterEach(() => {
  for (const laptop of open.splice(0)) laptop.core.close();
});

const DAY = 86_400_000;

async function wonDeal() {
  const team = await teamLaptop();
  open.push(team);
  const fixture = await fixtureDeal(team);
  const id = await winDeal(team, fixture.dealId);
  return { team, fixture, id, core: team.core };
}

/** The error a call fails with (the test fails if it does not). */
async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('a handover from draft to accepted', () => {
  it('goes through submit, changes requested, resubmit and accept, keeping every version', async () => {
    const { team, fixture, id, core } = await wonDeal();
    const title = 'Acme Robotics — 40 seats';

    // Required sections and an owner come first.
    await core.call('handover.updateSection', { id, sectionId: 'goals', body: '  \n' });
    await core.call('handover.updateSection', { id, sectionId: 'promises', body: '' });
    const missing = await failure(core.call('handover.submit', { id }));
    expect(missing).toMatchObject({ code: 'invalid_input', field: 'sections' });
    expect(missing.message).toBe(
      'sections: fill in the required sections before submitting: Customer goals and success criteria, Promises and commitments made',
    );
    expect((await core.call('handover.list', { scope: 'authored' })).items[0]).toMatchObject({
      id,
      missingRequired: ['Customer goals and success criteria', 'Promises and commitments made'],
    });
    await core.call('handover.updateSection', {
      id,
      sectionId: 'goals',
      body: 'Cut onboarding time for new technicians by 30% by June.',
    });
    await core.call('handover.updateSection', {
      id,
      sectionId: 'promises',
      body: '- SSO with Azure AD by 1 March',
    });
    expect(await failure(core.call('handover.submit', { id }))).toMatchObject({
      code: 'invalid_input',
      field: 'successOwnerId',
    });
    const rep = await failure(core.call('handover.setOwner', { id, userId: idOf('rita') }));
    expect(rep).toMatchObject({ code: 'invalid_input', field: 'userId' });
    expect(rep.message).toMatch(/Rita Ora is a rep; choose someone in customer success/);
    await core.call('handover.setOwner', { id, userId: idOf('sam') });

    team.clock.now = NOV(6, 10);
    const submitted = await core.call('handover.submit', { id });
    expect(submitted).toMatchObject({
      status: 'submitted',
      currentVersion: 1,
      submittedAt: NOV(6, 10),
      successOwnerName: 'Sam Carter',
      can: { edit: false, submit: false },
    });
    expect(submitted.versions).toEqual([
      {
        number: 1,
        submittedBy: idOf('ada'),
        submittedByName: 'Ada Lovelace',
        submittedAt: NOV(6, 10),
        decision: null,
        decidedAt: null,
        decidedByName: null,
      },
    ]);
    expect(
      await failure(core.call('handover.updateSection', { id, sectionId: 'goals', body: 'x' })),
    ).toMatchObject({ code: 'conflict' });

    // Sam's inbox and reminders.
    team.as('sam');
    const inbox = await core.call('handover.list', { scope: 'owned', status: ['submitted'] });
    expect(inbox.items.map((item) => [item.dealTitle, item.authorName])).toEqual([
      [title, 'Ada Lovelace'],
    ]);
    const samsReminders = await core.call('followUps.list', { scope: 'mine' });
    expect(samsReminders.map((f) => [f.title, f.dueAt, f.dealId])).toEqual([
      [`Handover to review: ${title}`, NOV(6, 10), fixture.dealId],
    ]);

    team.clock.now = NOV(7, 9);
    expect(await core.call('handover.review', { id })).toMatchObject({
      status: 'in_review',
      can: { decide: true, review: false, edit: false },
    });
    expect(await core.call('followUps.list', { scope: 'mine' })).toEqual([]);

    // Sending it back needs a reason.
    expect(
      await failure(core.call('handover.decide', { id, decision: 'requestChanges' })),
    ).toMatchObject({ code: 'invalid_input', field: 'comments' });
    expect(
      await failure(
        core.call('handover.decide', {
          id,
          decision: 'requestChanges',
          comments: [{ sectionId: 'nope', body: 'x' }],
        }),
      ),
    ).toMatchObject({ field: 'comments[0].sectionId' });
    team.clock.now = NOV(7, 10);
    const sentBack = await core.call('handover.decide', {
      id,
      decision: 'requestChanges',
      comments: [
        { sectionId: 'promises', body: 'Which Azure AD tenant? Who promised the date?' },
        { sectionId: 'risks', body: 'How did we answer the price objection?' },
        { body: 'Otherwise great, thanks!' },
      ],
    });
    expect(sentBack).toMatchObject({
      status: 'changes_requested',
      decidedBy: idOf('sam'),
      decidedAt: NOV(7, 10),
      openComments: 3,
    });
    expect(sentBack.comments.map((c) => [c.sectionId, c.authorName])).toEqual([
      ['promises', 'Sam Carter'],
      ['risks', 'Sam Carter'],
      [null, 'Sam Carter'],
    ]);
    expect(sentBack.versions[0]).toMatchObject({
      number: 1,
      decision: 'changes_requested',
      decidedByName: 'Sam Carter',
    });

    // Ada hears of it, fixes the sections and resubmits.
    team.as('ada');
    const adas = await core.call('followUps.list', { scope: 'mine' });
    expect(adas.find((f) => f.title?.startsWith('Changes requested'))).toMatchObject({
      title: `Changes requested on 2 sections: ${title}`,
      dueAt: NOV(7, 10),
      dealId: fixture.dealId,
      kind: 'task',
    });
    team.clock.now = NOV(8, 9);
    await core.call('handover.updateSection', {
      id,
      sectionId: 'promises',
      body: '- SSO with Azure AD by 1 March\n- Tenant: acme-robotics.onmicrosoft.com (promised by Ada)',
    });
    for (const comment of sentBack.comments) {
      await core.call('handover.resolveComment', { commentId: comment.id });
    }
    const resubmitted = await core.call('handover.submit', { id });
    expect(resubmitted).toMatchObject({ status: 'submitted', currentVersion: 2, openComments: 0 });
    expect(resubmitted.versions.map((v) => [v.number, v.decision])).toEqual([
      [2, null],
      [1, 'changes_requested'],
    ]);

    // What changed between the versions.
    const diff = await core.call('handover.diff', { id, from: 1, to: 2 });
    expect(diff.sections.map((s) => [s.sectionId, s.status])).toEqual([
      ['goals', 'unchanged'],
      ['stakeholders', 'unchanged'],
      ['sold', 'unchanged'],
      ['promises', 'changed'],
      ['knowledge', 'unchanged'],
      ['risks', 'unchanged'],
      ['timeline', 'unchanged'],
      ['highlights', 'unchanged'],
    ]);
    expect(diff.sections.find((s) => s.sectionId === 'promises')?.lines).toEqual([
      { kind: 'same', text: '- SSO with Azure AD by 1 March' },
      { kind: 'added', text: '- Tenant: acme-robotics.onmicrosoft.com (promised by Ada)' },
    ]);
    const sinceTwo = await core.call('handover.diff', { id, from: 2 });
    expect(sinceTwo.to).toBeNull();
    expect(sinceTwo.sections.every((s) => s.status === 'unchanged')).toBe(true);
    expect(await failure(core.call('handover.diff', { id, from: 1, to: 3 }))).toMatchObject({
      code: 'not_found',
      field: 'to',
    });

    // Sam accepts: the customer moves into Onboarding, the renewal talk is planned.
    team.as('sam');
    team.clock.now = NOV(9, 15);
    const accepted = await core.call('handover.decide', { id, decision: 'accept' });
    expect(accepted).toMatchObject({
      status: 'accepted',
      decidedAt: NOV(9, 15),
      decidedByName: 'Sam Carter',
      deal: { stageId: STAGE.onboarding, stageName: 'Onboarding', renewalAt: RENEWAL },
      can: { edit: false, decide: false, submit: false },
    });
    expect(accepted.versions[0]).toMatchObject({ number: 2, decision: 'accepted' });
    const deal = await core.call('deals.get', { id: fixture.dealId });
    expect(deal.stageId).toBe(STAGE.onboarding);
    expect(deal.stageHistory.at(-1)).toMatchObject({
      fromStageId: STAGE.won,
      toStageId: STAGE.onboarding,
      movedAt: NOV(9, 15),
      movedBy: idOf('sam'),
    });
    expect(
      (await core.call('followUps.list', { scope: 'mine' })).map((f) => [f.title, f.dueAt]),
    ).toEqual([
      [
        'Renewal on 15 Nov 2027: start the renewal conversation with Acme Robotics — 40 seats',
        RENEWAL - 60 * DAY,
      ],
    ]);
    team.as('ada');
    expect(
      (await core.call('followUps.list', { scope: 'mine' })).find(
        (f) => f.title === `Handover accepted: ${title}`,
      ),
    ).toMatchObject({ dueAt: NOV(9, 15), dealId: fixture.dealId });
    team.as('sam');
    expect(await failure(core.call('handover.decide', { id, decision: 'accept' }))).toMatchObject({
      code: 'conflict',
    });
  });

  it('without a renewal date on the account, plans it from the term in “What was sold” and keeps it on the account', async () => {
    const { team, fixture, id, core } = await wonDeal();
    await core.call('accounts.update', { id: fixture.accountId, patch: { renewalAt: null } });
    const sold = (await core.call('handover.get', { id })).sections.find(
      (s) => s.sectionId === 'sold',
    )!;
    await core.call('handover.updateSection', {
      id,
      sectionId: 'sold',
      body: sold.body.replace(/- \*\*Term:\*\*.*\n/, '- **Term:** 24 months\n'),
    });
    await core.call('handover.setOwner', { id, userId: idOf('sam') });
    await core.call('handover.submit', { id });
    team.as('max'); // a manager may decide in the owner's place
    team.clock.now = NOV(10);
    await core.call('handover.decide', { id, decision: 'accept' });
    const renewal = Date.UTC(2028, 10, 5, 11); // won on 5 Nov 2026 at 11:00, plus 24 months
    const account = await core.call('accounts.get', { id: fixture.accountId });
    expect(account.renewalAt).toBe(renewal);
    team.as('sam');
    expect(
      (await core.call('followUps.list', { scope: 'mine' })).map((f) => [f.title, f.dueAt]),
    ).toEqual([
      [
        'Renewal on 5 Nov 2028: start the renewal conversation with Acme Robotics — 40 seats',
        renewal - 60 * DAY,
      ],
    ]);
  });

  it('lets each person do only their part', async () => {
    const { team, id, core } = await wonDeal();
    const edit = () =>
      core.call('handover.updateSection', { id, sectionId: 'risks', body: 'Mine now' });

    team.as('rita'); // another rep
    expect(await failure(edit())).toMatchObject({ code: 'unauthorized' });
    expect(await failure(core.call('handover.comment', { id, body: 'Hello' }))).toMatchObject({
      code: 'unauthorized',
    });
    expect((await core.call('handover.get', { id })).can).toEqual({
      edit: false,
      setOwner: false,
      submit: false,
      review: false,
      decide: false,
      comment: false,
    });

    team.as('max'); // a manager edits and addresses anyone's handover
    await edit();
    await core.call('handover.setOwner', { id, userId: idOf('sam') });

    team.as('sam'); // the success owner: comments and decisions, not the text
    expect(await failure(edit())).toMatchObject({ code: 'unauthorized' });
    expect(await failure(core.call('handover.submit', { id }))).toMatchObject({
      code: 'unauthorized',
    });
    expect(await failure(core.call('handover.decide', { id, decision: 'accept' }))).toMatchObject({
      code: 'conflict',
    }); // still a draft
    const comment = await core.call('handover.comment', {
      id,
      sectionId: 'sold',
      body: 'Is the discount permanent?',
    });
    expect(comment).toMatchObject({
      sectionId: 'sold',
      authorName: 'Sam Carter',
      resolvedAt: null,
    });
    expect(
      await failure(core.call('handover.comment', { id, sectionId: 'nope', body: 'x' })),
    ).toMatchObject({ field: 'sectionId' });

    team.as('ada');
    await core.call('handover.submit', { id });
    team.as('rita');
    expect(await failure(core.call('handover.decide', { id, decision: 'accept' }))).toMatchObject({
      code: 'unauthorized',
    });
    expect(await failure(core.call('handover.review', { id }))).toMatchObject({
      code: 'unauthorized',
    });
    team.as('ada'); // the author cannot accept her own handover
    expect(await failure(core.call('handover.decide', { id, decision: 'accept' }))).toMatchObject({
      code: 'unauthorized',
    });
  });

  it('exports a document a success lead can forward', async () => {
    const { team, id, core } = await wonDeal();
    await core.call('handover.setOwner', { id, userId: idOf('sam') });
    team.clock.now = NOV(6, 10);
    await core.call('handover.submit', { id });
    team.as('sam');
    team.clock.now = NOV(7, 10);
    await core.call('handover.decide', { id, decision: 'accept' });

    const { fileName, markdown } = await core.call('handover.exportMarkdown', { id, version: 1 });
    expect(fileName).toBe('handover-acme-robotics-40-seats-v1.md');
    const lines = markdown.split('\n');
    expect(lines.slice(0, 16)).toEqual([
      '# Handover: Acme Robotics — 40 seats',
      '',
      '**Acme Robotics** · Version 1, submitted by Ada Lovelace on 6 Nov 2026 · Accepted by Sam Carter on 7 Nov 2026',
      '',
      '| | |',
      '| --- | --- |',
      '| Customer | Acme Robotics |',
      '| Deal | Acme Robotics — 40 seats |',
      '| Value | €48,000 |',
      '| Won | 5 Nov 2026 |',
      '| Renewal date | 15 Nov 2027 |',
      '| Stage now | Onboarding |',
      '| Sales (author) | Ada Lovelace |',
      '| Success owner | Sam Carter |',
      '',
      '## Customer goals and success criteria',
    ]);
    const headings = lines.filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      '## Customer goals and success criteria',
      '## Stakeholders and champion',
      '## What was sold',
      '## Promises and commitments made',
      '## What the customer already knows',
      '## Risks and objections heard',
      '## Implementation timeline',
      '## Call highlights',
    ]);
    expect(markdown).toContain('- **Dana Smith** — VP Operations');
    expect(lines.at(-2)).toBe(
      '_Version 1, submitted by Ada Lovelace on 6 Nov 2026 · Accepted by Sam Carter on 7 Nov 2026. Exported from Lifecycle Cockpit on 7 Nov 2026._',
    );
    const draftLike = await core.call('handover.exportMarkdown', { id });
    expect(draftLike.markdown).toContain('Accepted by Sam Carter on 7 Nov 2026 · version 1');
  });
});
