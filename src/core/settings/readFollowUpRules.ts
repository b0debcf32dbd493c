import type { z } from 'zod';
import { FOLLOW_UP_RULE_SECTIONS, FollowUpRulesSchema } from '../../shared/contract/settings';
import { DEFAULT_FOLLOW_UP_RULES, type FollowUpRules } from '../../shared/domain/followUpRules';

type Section = keyof typeof FOLLOW_UP_RULE_SECTIONS;
const SECTIONS = Object.keys(FOLLOW_UP_RULE_SECTIONS) as Section[];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The stored rules as the core can use them. The value arrives by sync and may have been written
 * by an older or newer version of the app (or be damaged): whatever cannot be read falls back to
 * the default, field by field, and is listed in `unreadable` (dotted paths) so the settings page
 * can say so. Never throws.
 */
export function readFollowUpRules(raw: string | null | undefined): {
  rules: FollowUpRules;
  unreadable: string[];
} {
  const defaults = structuredClone(DEFAULT_FOLLOW_UP_RULES);
  if (raw == null) return { rules: defaults, unreadable: [] };
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    return { rules: defaults, unreadable: ['followUpRules'] };
  }
  const whole = FollowUpRulesSchema.safeParse(stored);
  if (whole.success) return { rules: whole.data, unreadable: [] };
  if (!isObject(stored)) return { rules: defaults, unreadable: ['followUpRules'] };

  // Fields a newer version added are not ours to judge: only the fields this version knows count.
  const unreadable: string[] = [];
  const rules = defaults as unknown as Record<Section, unknown>;
  for (const section of SECTIONS) {
    const schema = FOLLOW_UP_RULE_SECTIONS[section] as z.ZodObject;
    const value = stored[section];
    const fallback = defaults[section] as Record<string, unknown>;
    if (!isObject(value)) {
      unreadable.push(section);
      continue;
    }
    const merged: Record<string, unknown> = {};
    for (const field of Object.keys(fallback)) {
      const fieldSchema = schema.shape[field] as z.ZodType;
      const parsed = fieldSchema.safeParse(value[field]);
      if (parsed.success) merged[field] = parsed.data;
      else {
        merged[field] = fallback[field];
        unreadable.push(`${section}.${field}`);
      }
    }
    // Fields that are fine alone may still not fit together (a day that ends before it starts).
    const checked = schema.safeParse(merged);
    if (checked.success) rules[section] = checked.data;
    else if (!unreadable.includes(section)) unreadable.push(section);
  }
  return { rules: defaults, unreadable };
}
