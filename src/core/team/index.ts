/**
 * Team: the team's settings, its users and roles, and who is signed in on this device.
 *
 * Methods: app.info, team.setup, users.list
 * Tables:  team, users (and the local setting current_user_id)
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { appInfo, listUsers, setupTeam } from './team';

export const teamMethods = (ctx: CoreContext) =>
  ({
    'app.info': () => appInfo(ctx),
    'team.setup': (input) => setupTeam(ctx, input),
    'users.list': () => listUsers(ctx),
  }) satisfies Partial<Handlers>;

export { TEAM_ID, userIdForEmail } from './team';
