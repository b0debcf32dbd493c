import { ApiError } from '../../shared/contract';
import type { Role } from '../../shared/domain';
import { currentUserId, type CoreContext } from '../context';
import { getUser } from './team';

/**
 * Refuse an action the signed-in person's role does not allow, saying which roles may. The team
 * server checks the same rules per op; this is the local half, so the app never offers them.
 */
export function requireRole(ctx: CoreContext, roles: readonly Role[], action: string): void {
  const id = currentUserId(ctx);
  const user = id ? getUser(ctx, id) : null;
  if (!user || !roles.includes(user.role)) {
    throw new ApiError('unauthorized', `only ${roles.join(' or ')} users can ${action}`);
  }
}
