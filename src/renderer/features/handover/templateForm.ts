/**
 * The handover template as the admin's form holds it, and back: sections keep a stable key while
 * they are moved, a new section gets its id from its title when saved, and an error the core
 * names by position (`sections[2].title`) is put on the section that was in that place.
 */
import type {
  HandoverTemplate,
  PrefillSource,
  TemplateSection,
} from '../../../shared/contract/handover';

export interface SectionForm {
  /** Stable while the section is moved: its id, or `new-N` until a new section is saved. */
  key: string;
  /** Null for a section added here and not saved yet. */
  id: string | null;
  title: string;
  guidance: string;
  required: boolean;
  prefill: PrefillSource;
}

export interface TemplateForm {
  name: string;
  sections: SectionForm[];
}

/** Where the core's error goes: the name, the list, or one field of one section (by key). */
export type ErrorTarget = 'name' | 'sections' | `${string}:${'title' | 'guidance'}`;
export type TemplateErrors = Partial<Record<ErrorTarget, string>>;

/** What each prefill source puts into a new handover's first draft. */
export const PREFILL_TEXT: Record<PrefillSource, string> = {
  goals: 'goals the customer named in notes and call transcripts',
  stakeholders: 'the deal’s contacts, with the likely champion and decision makers',
  sold: 'the deal: price, won date, term, renewal date, campaign and customer',
  promises: 'promises and dates given in notes and call transcripts',
  knowledge: 'the sales path, the calls made and the campaign',
  risks: 'objections and concerns from notes and call scores',
  timeline: 'the won date, the next steps agreed and the renewal',
  highlights: 'the latest calls with their scores and key moments, linked',
  none: '',
};

/** The limits of the contract (`TemplateSection`), so fields stop where the core would refuse. */
export const LIMITS = { title: 120, guidance: 300, sections: 30 } as const;

export function toTemplateForm(template: HandoverTemplate): TemplateForm {
  return {
    name: template.name,
    sections: template.sections.map((section) => ({
      key: section.id,
      id: section.id,
      title: section.title,
      guidance: section.guidance,
      required: section.required,
      prefill: section.prefill,
    })),
  };
}

/** Same name and sections in the same order (keys aside): nothing to save, or the built-in. */
export function sameTemplate(form: TemplateForm, template: HandoverTemplate): boolean {
  return (
    form.name.trim() === template.name &&
    form.sections.length === template.sections.length &&
    form.sections.every((section, i) => {
      const other = template.sections[i]!;
      return (
        section.id === other.id &&
        section.title.trim() === other.title &&
        section.guidance.trim() === other.guidance &&
        section.required === other.required &&
        section.prefill === other.prefill
      );
    })
  );
}

/**
 * A new section's id from its title ("Security review" → `security-review`), not one in `taken`:
 * ids that sections have or had keep pointing at those sections in handovers already made.
 */
export function sectionIdFor(title: string, taken: ReadonlySet<string>): string {
  const base =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^[^a-z]+/, '')
      .slice(0, 32)
      .replace(/-+$/, '') || 'section';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * The sections to send, in the form's order, with ids for new ones. `reserved`: ids of the
 * saved and the built-in template, which a new section must not take over.
 */
export function fromTemplateForm(
  form: TemplateForm,
  reserved: Iterable<string>,
): { name: string; sections: TemplateSection[] } {
  const taken = new Set([...reserved, ...form.sections.flatMap((s) => (s.id ? [s.id] : []))]);
  const sections = form.sections.map((section) => {
    let id = section.id;
    if (id === null) {
      id = sectionIdFor(section.title, taken);
      taken.add(id);
    }
    return {
      id,
      title: section.title,
      guidance: section.guidance,
      required: section.required,
      prefill: section.prefill,
    };
  });
  return { name: form.name, sections };
}

/**
 * The field an error of `handover.updateTemplate` names, on the form as it was sent: a section's
 * id is made from its title, so an id error is shown on the title.
 */
export function errorTarget(
  field: string | undefined,
  sentKeys: readonly string[],
): ErrorTarget | undefined {
  if (!field) return undefined;
  if (field === 'name') return 'name';
  if (field === 'sections') return 'sections';
  const match = /^sections\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (!match) return undefined;
  const key = sentKeys[Number(match[1])];
  if (key === undefined) return 'sections';
  return match[2] === 'guidance' ? `${key}:guidance` : `${key}:title`;
}

/** An error's message without the method and field it starts with, as a sentence. */
export function errorMessage(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  message = message.replace(/^handover\.updateTemplate: /, '');
  const field = (error as { field?: unknown } | null)?.field;
  if (typeof field === 'string' && message.startsWith(`${field}: `)) {
    message = message.slice(field.length + 2);
  }
  message = message.trim();
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** Move the section at `from` one place up (-1) or down (1). */
export function moveSection(sections: SectionForm[], from: number, step: -1 | 1): SectionForm[] {
  const to = from + step;
  if (to < 0 || to >= sections.length) return sections;
  const next = [...sections];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next;
}
