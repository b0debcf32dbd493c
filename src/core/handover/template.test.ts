/**
 * The handover template: the built-in one is the resources file; admins edit it for handovers
 * made from then on; a stored template from another app version is read as far as it can be.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { idOf, NOV, STAGE, teamLaptop, type Laptop } from '../../../tests/helpers/handoverTeam';
import { HandoverTemplate } from '../../shared/contract';
import { BUILT_IN_TEMPLATE, readTemplate, TEMPLATE_SETTING_ID } from './readTemplate';

const open: Laptop[] = [];
afterEach(() => {
  for (const laptop of open.splice(0)) laptop.core.close();
});

async function laptop(): Promise<Laptop> {
  const made = await teamLaptop();
  open.push(made);
  return made;
}

describe('the handover template', () => {
  it('built in: the resources file, every section of the issue, the four essentials required', () => {
    const file = JSON.parse(
      readFileSync(new URL('../../../resources/handover-template.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(HandoverTemplate.parse(file)).toEqual(BUILT_IN_TEMPLATE);
    expect(BUILT_IN_TEMPLATE.sections.map((s) => [s.title, s.required, s.prefill])).toEqual([
      ['Customer goals and success criteria', true, 'goals'],
      ['Stakeholders and champion', true, 'stakeholders'],
      ['What was sold', true, 'sold'],
      ['Promises and commitments made', true, 'promises'],
      ['What the customer already knows', false, 'knowledge'],
      ['Risks and objections heard', false, 'risks'],
      ['Implementation timeline', false, 'timeline'],
      ['Call highlights', false, 'highlights'],
    ]);
    for (const section of BUILT_IN_TEMPLATE.sections) {
      expect(section.guidance.length).toBeGreaterThan(20);
      expect(section.guidance).not.toContain('\n');
    }
  });

  it('admins edit it; new handovers follow the new version, existing ones keep theirs', async () => {
    const team = await laptop();
    const { core } = team;
    const deal = async (title: string) =>
      (await core.call('deals.create', { title, stageId: STAGE.proposal, valueMinor: 1 })).id;
    const first = await deal('Before the edit');
    const second = await deal('After the edit');
    await core.call('deals.move', { id: first, stageId: STAGE.won, reason: 'Fit' });

    const edit = {
      name: 'Northwind handover',
      sections: [
        {
          id: 'goals',
          title: 'Goals',
          guidance: 'What they want',
          required: true,
          prefill: 'goals' as const,
        },
        { id: 'security', title: 'Security review', required: true },
      ],
    };
    // Ada is a rep; Max a manager: only admins change the template.
    for (const person of ['ada', 'max'] as const) {
      team.as(person);
      await expect(core.call('handover.updateTemplate', edit)).rejects.toMatchObject({
        code: 'unauthorized',
        message: 'only admin users can change the handover template',
      });
      expect((await core.call('handover.template', {})).canEdit).toBe(false);
    }
    core.store.write((w) => w.update('users', idOf('max'), { role: 'admin' }));
    team.as('max');
    await expect(
      core.call('handover.updateTemplate', { sections: [edit.sections[0], edit.sections[0]] }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'sections' });
    await expect(
      core.call('handover.updateTemplate', { sections: [{ id: 'Bad id', title: 'x' }] }),
    ).rejects.toMatchObject({ field: 'sections[0].id' });

    team.clock.now = NOV(3);
    const state = await core.call('handover.updateTemplate', edit);
    expect(state).toMatchObject({
      isBuiltIn: false,
      canEdit: true,
      unreadable: [],
      updatedAt: NOV(3),
      template: {
        version: 2,
        name: 'Northwind handover',
        sections: [
          { id: 'goals', title: 'Goals', guidance: 'What they want', required: true },
          {
            id: 'security',
            title: 'Security review',
            guidance: '',
            required: true,
            prefill: 'none',
          },
        ],
      },
    });
    await core.call('deals.move', { id: second, stageId: STAGE.won, reason: 'Fit' });
    const handover = async (dealId: string) =>
      core.call('handover.get', { id: (await core.call('handover.forDeal', { dealId })).id! });
    const before = await handover(first);
    const after = await handover(second);
    expect(before.templateVersion).toBe(1);
    expect(before.sections).toHaveLength(8);
    expect(after.templateVersion).toBe(2);
    expect(after.sections.map((s) => [s.sectionId, s.title, s.guidance, s.missing])).toEqual([
      ['goals', 'Goals', 'What they want', true],
      ['security', 'Security review', '', true],
    ]);

    const reset = await core.call('handover.updateTemplate', { reset: true });
    expect(reset).toMatchObject({ isBuiltIn: false, template: { version: 3 } });
    expect(reset.template.sections).toEqual(BUILT_IN_TEMPLATE.sections);
  });

  it('reads a stored template as far as it can, and names what it could not read', () => {
    const section = (id: string, extra: object = {}) => ({ id, title: id.toUpperCase(), ...extra });
    expect(readTemplate(null)).toEqual({
      template: BUILT_IN_TEMPLATE,
      unreadable: [],
      isBuiltIn: true,
    });
    expect(readTemplate('{not json')).toMatchObject({ isBuiltIn: true, unreadable: ['template'] });
    expect(readTemplate('{"version":4,"sections":[]}')).toMatchObject({
      isBuiltIn: true,
      unreadable: ['template'],
    });
    const mixed = readTemplate(
      JSON.stringify({
        version: 5,
        name: 'Ours',
        sections: [
          section('goals', { required: true }),
          { title: 'no id' },
          section('goals'),
          section('legal', { prefill: 'contracts-v2', required: true }),
        ],
      }),
    );
    expect(mixed).toEqual({
      isBuiltIn: false,
      unreadable: ['sections.1', 'sections.2', 'sections.3.prefill'],
      template: {
        version: 5,
        name: 'Ours',
        sections: [
          { id: 'goals', title: 'GOALS', guidance: '', required: true, prefill: 'none' },
          { id: 'legal', title: 'LEGAL', guidance: '', required: true, prefill: 'none' },
        ],
      },
    });
  });

  it('a template row that arrives broken falls back without breaking the won deal', async () => {
    const team = await laptop();
    team.core.store.write((w) =>
      w.insert('team_settings', { id: TEMPLATE_SETTING_ID, value: '{"sections": 3}' }),
    );
    const state = await team.core.call('handover.template', {});
    expect(state).toMatchObject({ isBuiltIn: true, unreadable: ['template'] });
    const { id } = await team.core.call('deals.create', {
      title: 'Won anyway',
      stageId: STAGE.won,
      closeReason: 'Fit',
    });
    const handover = await team.core.call('handover.forDeal', { dealId: id });
    const doc = await team.core.call('handover.get', { id: handover.id! });
    expect(doc.sections).toHaveLength(BUILT_IN_TEMPLATE.sections.length);
  });
});
