/**
 * The team's scoring config and remote scorer, one `team_settings` row each (synced, edited by
 * managers and admins), and this device's API key in the secret store (never synced). Stored
 * values are read field by field: another app version may have written them.
 */
import { z } from 'zod';
import { ApiError } from '../../shared/contract';
import {
  DEFAULT_SCORING_CONFIG,
  readScoringConfig,
  type ScoringConfig,
} from '../../shared/scoring/config';
import type { CoreContext } from '../context';

export const SCORING_SETTING_IDS = {
  config: 'scoring-config',
  remote: 'remote-scorer',
} as const;

/** The secret store's name for this device's API key of the remote scorer. */
export const API_KEY_SECRET = 'remote-scorer-api-key';
/** The address (origin) the key was entered for: it is sent there and nowhere else. */
export const API_KEY_ORIGIN_SECRET = 'remote-scorer-api-key-origin';

/** `https://api.example.com` of `https://api.example.com/v1/`, or null for a bad address. */
export function originOf(endpoint: string): string | null {
  try {
    return new URL(endpoint).origin;
  } catch {
    return null;
  }
}

export interface RemoteScorerConfig {
  enabled: boolean;
  endpoint: string;
  model: string;
  timeoutMs: number;
}

export const DEFAULT_REMOTE_SCORER: RemoteScorerConfig = {
  enabled: false,
  endpoint: 'https://api.openai.com/v1',
  model: 'gpt-4o-mini',
  timeoutMs: 20_000,
};

const REMOTE_FIELDS: { [K in keyof RemoteScorerConfig]: z.ZodType<RemoteScorerConfig[K]> } = {
  enabled: z.boolean(),
  endpoint: z.url({ protocol: /^https?$/ }),
  model: z.string().trim().min(1).max(200),
  timeoutMs: z.number().int().min(1_000).max(120_000),
};

function settingValue(ctx: CoreContext, id: string): unknown {
  const row = ctx.store
    .prepare('SELECT value FROM team_settings WHERE id = ? AND deleted_at IS NULL')
    .get(id) as { value: string | null } | undefined;
  if (row?.value == null) return undefined;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return null;
  }
}

/** The config scores are computed with now, and what of the stored one could not be read. */
export function teamScoringConfig(ctx: CoreContext): { config: ScoringConfig; problems: string[] } {
  const raw = settingValue(ctx, SCORING_SETTING_IDS.config);
  if (raw === undefined) return { config: structuredClone(DEFAULT_SCORING_CONFIG), problems: [] };
  return readScoringConfig(raw);
}

/** The remote scorer as the team set it up; a field that cannot be read keeps its default. */
export function teamRemoteScorer(ctx: CoreContext): RemoteScorerConfig {
  const raw = settingValue(ctx, SCORING_SETTING_IDS.remote);
  const stored = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const out = { ...DEFAULT_REMOTE_SCORER } as Record<string, unknown>;
  for (const [field, schema] of Object.entries(REMOTE_FIELDS)) {
    const parsed = (schema as z.ZodType).safeParse(stored[field]);
    if (parsed.success) out[field] = parsed.data;
  }
  return out as unknown as RemoteScorerConfig;
}

/** Writes one setting row (a fixed id per setting: two laptops end up with one row). */
export function writeSetting(ctx: CoreContext, id: string, value: unknown): void {
  const json = JSON.stringify(value);
  ctx.store.write((w) => {
    const row = w.get<{ id: string }>('SELECT id FROM team_settings WHERE id = ?', id);
    if (!row) w.insert('team_settings', { id, value: json });
    else w.update('team_settings', id, { value: json, deleted_at: null });
  });
}

/** "weights.talkRatio is not valid (…); using the default" → its field and the sentence. */
function problemField(problem: string): { field: string; message: string } {
  const field = /^[\w.]+/.exec(problem)?.[0] ?? '';
  const message = problem.replace(/; (using the defaults?|using \d+|ignored)$/, '');
  return { field: field ? `config.${field}` : 'config', message };
}

/**
 * A config a person saved, checked in full: any field that cannot be read refuses it (naming the
 * field) instead of falling back, since the person would not see their change take effect.
 * Its `version` is not theirs to choose: it is set by `changeScoringConfig`.
 */
export function checkScoringConfig(raw: Record<string, unknown>, version: number): ScoringConfig {
  const { config, problems } = readScoringConfig({ ...raw, version });
  const first = problems[0];
  if (first !== undefined) {
    const { field, message } = problemField(first);
    throw new ApiError('invalid_input', `the scoring config's ${message}`, field);
  }
  return config;
}

/** JSON with the keys of every object sorted, so equal configs give equal text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === 'object' && inner !== null && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

const sameConfig = (a: ScoringConfig, b: ScoringConfig) =>
  canonical({ ...a, version: 0 }) === canonical({ ...b, version: 0 });

/**
 * Saves a config if it differs from the current one, as the next version. Returns the version
 * scores should now have, and whether it changed.
 */
export function changeScoringConfig(
  ctx: CoreContext,
  raw: Record<string, unknown>,
): { version: number; changed: boolean } {
  const current = teamScoringConfig(ctx).config;
  const next = checkScoringConfig(raw, current.version + 1);
  if (sameConfig(current, next)) return { version: current.version, changed: false };
  writeSetting(ctx, SCORING_SETTING_IDS.config, next);
  return { version: next.version, changed: true };
}
