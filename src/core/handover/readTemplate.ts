/**
 * The handover template as the core reads it: the built-in one ships in
 * `resources/handover-template.json` (imported, so the bundle carries it and the packaged app
 * needs no file at run time); an admin's edit is the synced team setting 'handover-template'. A
 * stored template arrives by sync and may come from another app version: whatever cannot be read
 * is left out and named, never thrown.
 */
import builtInJson from '../../../resources/handover-template.json';
import {
  HandoverTemplate,
  TemplateSection,
  type HandoverTemplate as Template,
} from '../../shared/contract/handover';

export const TEMPLATE_SETTING_ID = 'handover-template';

/** The built-in template, checked once: a broken resources file fails loudly at start. */
export const BUILT_IN_TEMPLATE: Template = HandoverTemplate.parse(builtInJson);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A stored template as this app version can use it: sections it cannot read are left out and
 * named in `unreadable`; with no readable section at all, the built-in template stands in.
 */
export function readTemplate(raw: string | null | undefined): {
  template: Template;
  unreadable: string[];
  isBuiltIn: boolean;
} {
  if (raw == null) return { template: BUILT_IN_TEMPLATE, unreadable: [], isBuiltIn: true };
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    return { template: BUILT_IN_TEMPLATE, unreadable: ['template'], isBuiltIn: true };
  }
  const whole = HandoverTemplate.safeParse(stored);
  if (whole.success) return { template: whole.data, unreadable: [], isBuiltIn: false };
  if (!isObject(stored) || !Array.isArray(stored.sections)) {
    return { template: BUILT_IN_TEMPLATE, unreadable: ['template'], isBuiltIn: true };
  }
  const unreadable: string[] = [];
  const sections: Template['sections'] = [];
  const seen = new Set<string>();
  stored.sections.forEach((raw: unknown, index) => {
    // A newer version may know more prefill sources: the section stays, without its prefill.
    const lenient =
      isObject(raw) && typeof raw.prefill === 'string'
        ? TemplateSection.safeParse(raw).success
          ? raw
          : { ...raw, prefill: 'none' }
        : raw;
    const parsed = TemplateSection.safeParse(lenient);
    if (!parsed.success || seen.has(parsed.data.id)) {
      unreadable.push(`sections.${index}`);
      return;
    }
    if (lenient !== raw) unreadable.push(`sections.${index}.prefill`);
    seen.add(parsed.data.id);
    sections.push(parsed.data);
  });
  if (sections.length === 0) {
    return { template: BUILT_IN_TEMPLATE, unreadable: ['template'], isBuiltIn: true };
  }
  const version =
    typeof stored.version === 'number' && Number.isInteger(stored.version) && stored.version >= 1
      ? stored.version
      : BUILT_IN_TEMPLATE.version;
  if (version !== stored.version) unreadable.push('version');
  const name =
    typeof stored.name === 'string' && stored.name.trim()
      ? stored.name.trim()
      : BUILT_IN_TEMPLATE.name;
  return { template: { version, name, sections }, unreadable, isBuiltIn: false };
}

/** Inside a write: the template as the transaction sees it. */
export function teamTemplateIn(reader: {
  get<T>(sql: string, ...params: string[]): T | undefined;
}): Template {
  const row = reader.get<{ value: string | null }>(
    'SELECT value FROM team_settings WHERE id = ? AND deleted_at IS NULL',
    TEMPLATE_SETTING_ID,
  );
  return readTemplate(row?.value).template;
}
