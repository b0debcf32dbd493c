import type { AppInfo, ParsedInput } from '../../shared/contract';
import type { TeamSettings, User } from '../../shared/domain';
import { derivedId } from '../../shared/ids';
import { currentUserId, type CoreContext } from '../context';
import { serverRole } from '../sync';

/** One team per workspace; its row has a fixed id so every device agrees on it. */
export const TEAM_ID = derivedId('team', 'team');

export function userIdForEmail(email: string): string {
  return derivedId('user', email);
}

export function getTeam(ctx: CoreContext): TeamSettings | null {
  return (
    (ctx.store
      .prepare(
        `SELECT name, default_currency AS defaultCurrency, time_zone AS timeZone
           FROM team WHERE id = ? AND deleted_at IS NULL`,
      )
      .get(TEAM_ID) as TeamSettings | undefined) ?? null
  );
}

export function teamCurrency(ctx: CoreContext): string {
  return getTeam(ctx)?.defaultCurrency ?? 'EUR';
}

const USER_COLUMNS = `id, name, email, role, title, time_zone AS timeZone, active`;

type UserRow = Omit<User, 'active'> & { active: number };
const toUser = (row: UserRow): User => ({ ...row, active: row.active === 1 });

export function listUsers(ctx: CoreContext): User[] {
  const rows = ctx.store
    .prepare(
      `SELECT ${USER_COLUMNS} FROM users WHERE deleted_at IS NULL
        ORDER BY active DESC, name COLLATE NOCASE, id`,
    )
    .all() as UserRow[];
  return rows.map(toUser);
}

export function getUser(ctx: CoreContext, id: string): User | null {
  const row = ctx.store
    .prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ? AND deleted_at IS NULL`)
    .get(id) as UserRow | undefined;
  return row ? toUser(row) : null;
}

export function appInfo(ctx: CoreContext): AppInfo {
  const me = currentUserId(ctx);
  return {
    appName: 'Lifecycle Cockpit',
    version: ctx.appVersion,
    deviceId: ctx.store.deviceId,
    databasePath: ctx.store.path,
    schemaVersion: ctx.store.schemaVersion,
    team: getTeam(ctx),
    currentUser: me ? getUser(ctx, me) : null,
  };
}

/**
 * First run on a device: name the team and the person using it. Joining a team that already
 * exists keeps its settings; the user row is keyed by email, so the same person on two laptops is
 * one user.
 */
export function setupTeam(ctx: CoreContext, input: ParsedInput<'team.setup'>): AppInfo {
  const userId = userIdForEmail(input.email);
  const existingTeam = getTeam(ctx);
  const existingUser = getUser(ctx, userId);
  ctx.store.write((w) => {
    if (!existingTeam) {
      w.insert('team', { id: TEAM_ID, name: input.teamName, default_currency: input.currency });
    }
    if (!existingUser) {
      w.insert('users', {
        id: userId,
        name: input.userName,
        email: input.email.toLowerCase(),
        // Whoever sets the team up runs it; people who join an existing team start as reps, or
        // with the role their team's sync server gives them.
        role: existingTeam ? (serverRole(ctx) ?? 'rep') : 'admin',
      });
    }
  });
  ctx.store.setLocalSetting('current_user_id', userId);
  return appInfo(ctx);
}
