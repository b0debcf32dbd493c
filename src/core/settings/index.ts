/**
 * Team settings: the follow-up rules and the phone link scheme, one synced row each.
 *
 * Methods: settings.get, settings.update
 * Tables:  team_settings (reads users and sync_peers to say who changed them)
 */
import {
  type ParsedInput,
  type PhoneScheme as PhoneSchemeType,
  type SettingsState,
} from '../../shared/contract';
import { PhoneScheme } from '../../shared/contract/settings';
import type { Role } from '../../shared/domain';
import type { FollowUpRules } from '../../shared/domain/followUpRules';
import { parseHlc } from '../../shared/hlc';
import { currentUserId, type CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { parseRowClock } from '../store/writePath';
import { requireRole } from '../team/roles';
import { getUser } from '../team/team';
import { readFollowUpRules } from './readFollowUpRules';

export { readFollowUpRules } from './readFollowUpRules';

/** Row ids of `team_settings`: one row per setting, a missing row is the built-in default. */
export const SETTING_IDS = {
  followUpRules: 'follow-up-rules',
  phoneScheme: 'phone-scheme',
} as const;

const EDITORS: readonly Role[] = ['manager', 'admin'];
const DEFAULT_PHONE_SCHEME: PhoneSchemeType = 'tel:';

interface SettingRow {
  id: string;
  value: string | null;
  updated_at: number;
  sync_clock: string | null;
}

function readRows(ctx: CoreContext): Map<string, SettingRow> {
  const rows = ctx.store
    .prepare(
      `SELECT id, value, updated_at, sync_clock FROM team_settings
        WHERE id IN (?, ?) AND deleted_at IS NULL`,
    )
    .all(SETTING_IDS.followUpRules, SETTING_IDS.phoneScheme) as SettingRow[];
  return new Map(rows.map((row) => [row.id, row]));
}

function readPhoneScheme(raw: string | null | undefined): PhoneSchemeType {
  if (raw == null) return DEFAULT_PHONE_SCHEME;
  try {
    const parsed = PhoneScheme.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_PHONE_SCHEME;
  } catch {
    return DEFAULT_PHONE_SCHEME;
  }
}

/** The rules the team uses now: the stored ones, the defaults where those cannot be read. */
export function teamFollowUpRules(ctx: CoreContext): FollowUpRules {
  const row = ctx.store
    .prepare('SELECT value FROM team_settings WHERE id = ? AND deleted_at IS NULL')
    .get(SETTING_IDS.followUpRules) as { value: string | null } | undefined;
  return readFollowUpRules(row?.value).rules;
}

/** Who made the last edit of a row, from its clock's device: this device's user, or a peer's. */
function editorOf(ctx: CoreContext, row: SettingRow): string | null {
  const clock = parseRowClock(row.sync_clock);
  const hlc = clock.value ?? clock[''];
  if (!hlc) return null;
  let device: string;
  try {
    device = parseHlc(hlc).device;
  } catch {
    return null;
  }
  if (device === ctx.store.deviceId) {
    const me = currentUserId(ctx);
    return (me && getUser(ctx, me)?.name) || null;
  }
  const peer = ctx.store
    .prepare('SELECT user_name, name FROM sync_peers WHERE device = ?')
    .get(device) as { user_name: string | null; name: string | null } | undefined;
  return peer?.user_name ?? peer?.name ?? null;
}

export function getSettings(ctx: CoreContext): SettingsState {
  const rows = readRows(ctx);
  const rules = readFollowUpRules(rows.get(SETTING_IDS.followUpRules)?.value);
  const me = currentUserId(ctx);
  const role = me ? getUser(ctx, me)?.role : undefined;
  let latest: SettingRow | undefined;
  for (const row of rows.values()) if (!latest || row.updated_at > latest.updated_at) latest = row;
  return {
    followUpRules: rules.rules,
    unreadableRules: rules.unreadable,
    phoneScheme: readPhoneScheme(rows.get(SETTING_IDS.phoneScheme)?.value),
    canEdit: role !== undefined && EDITORS.includes(role),
    updatedAt: latest?.updated_at ?? null,
    updatedBy: latest ? editorOf(ctx, latest) : null,
  };
}

export function updateSettings(
  ctx: CoreContext,
  input: ParsedInput<'settings.update'>,
): SettingsState {
  requireRole(ctx, EDITORS, 'change team settings such as the follow-up rules');
  const values: [string, string][] = [];
  if (input.followUpRules) {
    values.push([SETTING_IDS.followUpRules, JSON.stringify(input.followUpRules)]);
  }
  if (input.phoneScheme) values.push([SETTING_IDS.phoneScheme, JSON.stringify(input.phoneScheme)]);
  ctx.store.write((w) => {
    for (const [id, value] of values) {
      const row = w.get<{ deleted_at: number | null }>(
        'SELECT deleted_at FROM team_settings WHERE id = ?',
        id,
      );
      // A fixed id per setting: two laptops that set it apart end up with one row, newest wins.
      if (!row) w.insert('team_settings', { id, value });
      else w.update('team_settings', id, { value, deleted_at: null });
    }
  });
  return getSettings(ctx);
}

export const settingsMethods = (ctx: CoreContext) =>
  ({
    'settings.get': () => getSettings(ctx),
    'settings.update': (input) => updateSettings(ctx, input),
  }) satisfies Partial<Handlers>;
