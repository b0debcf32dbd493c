/**
 * A won deal's draft handover: made once, in the move that wins it, and pre-filled from what the
 * team wrote down (a fixture deal with notes, contacts, calls, a scored call and its transcript).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  fixtureDeal,
  hasScoring,
  NOV,
  STAGE,
  teamLaptop,
  winDeal,
  type Laptop,
} from '../../../tests/helpers/handoverTeam';
import { classify, splitSentences, termMonths } from './prefill';

const open: Laptop[] = [];
afterEach(() => {
  for (const laptop of open.splice(0)) laptop.core.close();
});

async function laptop(): Promise<Laptop> {
  const made = await teamLaptop();
  open.push(made);
  return made;
}

const body = (doc: { sections: { sectionId: string; body: string }[] }, id: string) =>
  doc.sections.find((s) => s.sectionId === id)?.body;

describe('the draft handover of a won deal', () => {
  it('is pre-filled from the deal, its account, contacts, notes, calls, scores and transcripts', async () => {
    const team = await laptop();
    const fixture = await fixtureDeal(team);
    const id = await winDeal(team, fixture.dealId);
    const doc = await team.core.call('handover.get', { id });
    const call = fixture.connectedCallId;

    expect(doc).toMatchObject({
      dealId: fixture.dealId,
      dealTitle: 'Acme Robotics — 40 seats',
      accountName: 'Acme Robotics',
      authorName: 'Ada Lovelace',
      successOwnerId: null,
      status: 'draft',
      currentVersion: 0,
      templateVersion: 1,
      missingRequired: [],
    });
    expect(doc.sections.map((s) => [s.sectionId, s.required])).toEqual([
      ['goals', true],
      ['stakeholders', true],
      ['sold', true],
      ['promises', true],
      ['knowledge', false],
      ['risks', false],
      ['timeline', false],
      ['highlights', false],
    ]);

    const goals = [
      '- From the note of 3 Nov (Ada Lovelace): “Their goal is to cut onboarding time for new technicians by 30%.”',
      '- From the notes of the call of 4 Nov: “Dana wants to go live before the spring season.”',
    ];
    if (hasScoring) {
      goals.push(
        `- Dana Smith on the [call of 4 Nov at 3:20](#/calls/${call}?t=200): “Our goal is that every technician books jobs in the app.”`,
      );
    }
    expect(body(doc, 'goals')).toBe(goals.join('\n'));

    expect(body(doc, 'stakeholders')).toBe(
      [
        '- **Dana Smith** — VP Operations · dana@acme.example · prefers email _Likely champion: the deal’s main contact. Likely decision maker (by title)._',
        '- **Lee Wong** — CFO _Likely decision maker (by title)._',
      ].join('\n'),
    );

    expect(body(doc, 'sold')).toBe(
      [
        '- **Deal:** Acme Robotics — 40 seats',
        '- **Price:** €48,000',
        '- **Won:** 5 Nov 2026 (Best fit)',
        '- **Term:** about 12 months (inferred: from the won date to the renewal date)',
        '- **Renewal date:** 15 Nov 2027 (from the account)',
        '- **Customer:** Acme Robotics (Manufacturing · 250 employees · Berlin, DE)',
      ].join('\n'),
    );

    const promises = [
      '- From the note of 3 Nov (Ada Lovelace): “We promised SSO with Azure AD by 1 March.”',
    ];
    if (hasScoring) {
      promises.push(
        `- Ada Lovelace on the [call of 4 Nov at 1:40](#/calls/${call}?t=100): “We will deliver the Azure AD integration by the end of February.”`,
      );
    }
    expect(body(doc, 'promises')).toBe(promises.join('\n'));

    expect(body(doc, 'knowledge')).toBe(
      [
        '- **Sales path:** Proposal (1 Nov 2026) → Won (5 Nov 2026)',
        '- **Calls:** 2 (1 connected), the last on 4 Nov 2026',
        '',
        '- From the note of 3 Nov (Ada Lovelace): “Dana saw the demo of the scheduling module.”',
      ].join('\n'),
    );

    const risks = [
      '- From the note of 3 Nov (Ada Lovelace): “Lee is worried about the rollout cost.”',
    ];
    if (hasScoring) {
      risks.push(
        `- Price objection on the [call of 4 Nov at 5:12](#/calls/${call}?t=312): Lee Wong: “Honestly the price is steep for us”`,
      );
    }
    expect(body(doc, 'risks')).toBe(risks.join('\n'));

    // Ending the call copied its next step onto the deal: it is said once.
    const timeline = [
      '- **Won:** 5 Nov 2026',
      '- **Next step on the deal:** Send the order form by Friday',
      '- **Renewal:** 15 Nov 2027',
    ];
    if (hasScoring) {
      timeline.push(
        '',
        `- Next step agreed on the [call of 4 Nov at 12:34](#/calls/${call}?t=754): Ada Lovelace: “I will send you the order form by Friday”`,
      );
    }
    expect(body(doc, 'timeline')).toBe(timeline.join('\n'));

    const highlights = [
      `- [Call of 4 Nov 2026](#/calls/${call}) · Connected · 18 min · Ada Lovelace · with Dana Smith${hasScoring ? ' · score 78' : ''}`,
      '  - Next step: “Send the order form by Friday”',
    ];
    if (hasScoring) {
      highlights.push(
        `  - Next step at [12:34](#/calls/${call}?t=754): “I will send you the order form by Friday”`,
        `  - Price objection at [5:12](#/calls/${call}?t=312): “Honestly the price is steep for us”`,
      );
    }
    highlights.push(
      `- [Call of 1 Nov 2026](#/calls/${fixture.voicemailCallId}) · Left a voicemail · 1 min · Ada Lovelace · with Lee Wong`,
    );
    expect(body(doc, 'highlights')).toBe(highlights.join('\n'));
    // Only the dimensions a handover needs: the talk ratio's evidence is left out.
    expect(doc.sections.some((s) => s.body.includes('not this one'))).toBe(false);
  });

  it('is made exactly once: winning the deal again, on any path, keeps the handover it has', async () => {
    const team = await laptop();
    const { dealId } = await fixtureDeal(team);
    const id = await winDeal(team, dealId);
    await team.core.call('handover.updateSection', { id, sectionId: 'goals', body: 'Edited.' });

    team.clock.now = NOV(6);
    await team.core.call('deals.move', { id: dealId, stageId: STAGE.lost, reason: 'Churned' });
    team.clock.now = NOV(7);
    await team.core.call('deals.update', {
      id: dealId,
      patch: { stageId: STAGE.won, closeReason: 'Came back' },
    });
    await team.core.call('deals.move', { id: dealId, stageId: STAGE.won, reason: 'Again' });
    await team.core.call('deals.bulkUpdate', {
      ids: [dealId],
      patch: { stageId: STAGE.won, reason: 'Bulk' },
    });

    const { items } = await team.core.call('handover.list', {});
    expect(items.map((item) => item.id)).toEqual([id]);
    const doc = await team.core.call('handover.get', { id });
    expect(doc.sections.find((s) => s.sectionId === 'goals')?.body).toBe('Edited.');
    const rows = team.core.store.db
      .prepare('SELECT count(*) AS n FROM handovers WHERE deal_id = ?')
      .get(dealId) as { n: number };
    expect(rows.n).toBe(1);
  });

  it('is made by every path into Won (update, bulk, a deal created as won), and not for other stages', async () => {
    const team = await laptop();
    const made = async (title: string) =>
      (await team.core.call('deals.create', { title, stageId: STAGE.proposal, valueMinor: 100 }))
        .id;
    const byUpdate = await made('By update');
    const byBulk = await made('By bulk');
    const stays = await made('Stays in Proposal');
    await team.core.call('deals.update', {
      id: byUpdate,
      patch: { stageId: STAGE.won, closeReason: 'Price' },
    });
    await team.core.call('deals.bulkUpdate', {
      ids: [byBulk],
      patch: { stageId: STAGE.won, reason: 'Fit' },
    });
    const created = await team.core.call('deals.create', {
      title: 'Created won',
      stageId: STAGE.won,
      closeReason: 'Signed',
    });
    await team.core.call('deals.move', { id: stays, stageId: STAGE.lost, reason: 'No budget' });
    for (const dealId of [byUpdate, byBulk, created.id]) {
      expect((await team.core.call('handover.forDeal', { dealId })).id).not.toBeNull();
    }
    expect((await team.core.call('handover.forDeal', { dealId: stays })).id).toBeNull();
    // A deal with nothing written down: the required sections with nothing to say stay empty.
    const { id } = await team.core.call('handover.forDeal', { dealId: byUpdate });
    const doc = await team.core.call('handover.get', { id: id! });
    expect(doc.missingRequired).toEqual([
      'Customer goals and success criteria',
      'Stakeholders and champion',
      'Promises and commitments made',
    ]);
    expect(doc.sections.find((s) => s.sectionId === 'sold')?.body).toContain('- **Term:** ');
  });
});

describe('reading notes for the handover', () => {
  it('gives each sentence to the section it speaks to', () => {
    expect(classify('We promised a dedicated CSM.')).toBe('promises');
    expect(classify('Rollout by end of Q2.')).toBe('promises');
    expect(classify('Sign-off by Friday')).toBe('promises');
    expect(classify('Cut costs by 30%.')).toBe(null);
    expect(classify('They committed to 3 pilots')).toBe('promises');
    expect(classify('The committee meets monthly')).toBe(null);
    expect(classify('Their KPI is first-time fix rate.')).toBe('goals');
    expect(classify('They need to cut truck rolls')).toBe('goals');
    expect(classify('Procurement needs two weeks')).toBe('stakeholders');
    expect(classify('The CFO signs')).toBe('stakeholders');
    expect(classify('Concerned about data residency')).toBe('risks');
    expect(classify('They had a two-week trial')).toBe('knowledge');
    expect(classify('Bought the premium plan with 20% discount')).toBe('sold');
    expect(classify('Go-live planned for spring')).toBe('timeline');
    expect(classify('Nice people.')).toBe(null);
  });

  it('splits notes into sentences and list items', () => {
    expect(splitSentences('First one. Second one!\n- third item\n2) fourth\n\nok')).toEqual([
      'First one.',
      'Second one!',
      'third item',
      'fourth',
    ]);
  });

  it('reads a contract term in words', () => {
    expect(termMonths('- **Term:** 24 months')).toBe(24);
    expect(termMonths('a 2-year contract')).toBe(24);
    expect(termMonths('annual plan')).toBe(12);
    expect(termMonths('three-year deal')).toBe(36);
    expect(termMonths('no term here')).toBeNull();
  });
});
