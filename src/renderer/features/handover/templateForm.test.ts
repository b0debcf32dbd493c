import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/contract';
import { SectionId, type HandoverTemplate } from '../../../shared/contract/handover';
import {
  errorTarget,
  fromTemplateForm,
  moveSection,
  sameTemplate,
  sectionIdFor,
  toTemplateForm,
  type TemplateForm,
} from './templateForm';

const TEMPLATE: HandoverTemplate = {
  version: 3,
  name: 'Northwind handover',
  sections: [
    { id: 'goals', title: 'Goals', guidance: 'What they want', required: true, prefill: 'goals' },
    { id: 'sold', title: 'What was sold', guidance: '', required: true, prefill: 'sold' },
    { id: 'risks', title: 'Risks', guidance: 'Objections', required: false, prefill: 'risks' },
  ],
};

const added = (key: string, title: string): TemplateForm['sections'][number] => ({
  key,
  id: null,
  title,
  guidance: '',
  required: false,
  prefill: 'none',
});

describe('the handover template form', () => {
  it('holds the template as it is; a change, however small, is something to save', () => {
    const form = toTemplateForm(TEMPLATE);
    expect(sameTemplate(form, TEMPLATE)).toBe(true);
    expect(sameTemplate({ ...form, name: 'Northwind handover ' }, TEMPLATE)).toBe(true);
    expect(sameTemplate({ ...form, sections: moveSection(form.sections, 0, 1) }, TEMPLATE)).toBe(
      false,
    );
    const required = form.sections.map((s, i) => (i === 2 ? { ...s, required: true } : s));
    expect(sameTemplate({ ...form, sections: required }, TEMPLATE)).toBe(false);
    expect(sameTemplate({ ...form, sections: form.sections.slice(1) }, TEMPLATE)).toBe(false);
  });

  it('moves a section one place, and not past either end', () => {
    const { sections } = toTemplateForm(TEMPLATE);
    expect(moveSection(sections, 2, -1).map((s) => s.id)).toEqual(['goals', 'risks', 'sold']);
    expect(moveSection(sections, 0, 1).map((s) => s.id)).toEqual(['sold', 'goals', 'risks']);
    expect(moveSection(sections, 0, -1)).toBe(sections);
    expect(moveSection(sections, 2, 1)).toBe(sections);
  });

  it('gives a new section an id from its title that the contract accepts, never one in use', () => {
    const taken = new Set(['goals', 'security-review']);
    expect(sectionIdFor('Security review', new Set())).toBe('security-review');
    expect(sectionIdFor('Security review', taken)).toBe('security-review-2');
    expect(sectionIdFor('Goals', taken)).toBe('goals-2');
    expect(sectionIdFor('Données & intégrations', taken)).toBe('donnees-integrations');
    expect(sectionIdFor('2026 roll-out plan', taken)).toBe('roll-out-plan');
    expect(sectionIdFor('Риски', taken)).toBe('section');
    const long = sectionIdFor('A very long section title that keeps going and going', taken);
    for (const id of [long, sectionIdFor('', taken), sectionIdFor('  --  ', taken)]) {
      expect(SectionId.safeParse(id).success, id).toBe(true);
    }
  });

  it('sends the sections in the form’s order; new ones get ids the built-in template does not use', () => {
    const form = toTemplateForm(TEMPLATE);
    form.sections = [
      added('new-1', 'Security review'),
      ...form.sections.filter((s) => s.id !== 'risks'),
      added('new-2', 'Risks'),
      added('new-3', 'Security review'),
    ];
    const sent = fromTemplateForm(form, ['risks', 'timeline']);
    expect(sent.sections.map((s) => s.id)).toEqual([
      'security-review',
      'goals',
      'sold',
      'risks-2',
      'security-review-2',
    ]);
    // What is sent is what the contract takes.
    const parsed = contract['handover.updateTemplate'].input.safeParse(sent);
    expect(parsed.success, parsed.error?.message).toBe(true);
  });

  it('puts the core’s error on the field it names, in the section that was in that place', () => {
    const keys = ['goals', 'new-1', 'sold'];
    expect(errorTarget('sections[1].title', keys)).toBe('new-1:title');
    expect(errorTarget('sections[1].id', keys)).toBe('new-1:title');
    expect(errorTarget('sections[2].guidance', keys)).toBe('sold:guidance');
    expect(errorTarget('sections[7].title', keys)).toBe('sections');
    expect(errorTarget('sections', keys)).toBe('sections');
    expect(errorTarget('name', keys)).toBe('name');
    expect(errorTarget('reset', keys)).toBeUndefined();
    expect(errorTarget(undefined, keys)).toBeUndefined();
  });

  it('the core’s own errors name those fields', () => {
    const input = contract['handover.updateTemplate'].input;
    const issue = (value: unknown) => input.safeParse(value).error?.issues[0]?.path.join('.');
    const sections = fromTemplateForm(toTemplateForm(TEMPLATE), []).sections;
    expect(issue({ sections: sections.map((s, i) => (i === 1 ? { ...s, title: ' ' } : s)) })).toBe(
      'sections.1.title',
    );
    expect(issue({ sections: [] })).toBe('sections');
    expect(issue({ name: '', sections })).toBe('name');
    expect(input.safeParse({ name: ' ', sections }).error?.issues[0]?.message).toBe(
      'give the template a name',
    );
  });
});
