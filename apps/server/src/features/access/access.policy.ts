import { can, type Action, type PermissionContext, type Role } from '@yhteistyotila/protocol';
import { AppError } from '../../errors.js';
import type { AuthUser } from '../../auth/auth.js';
import { UserModel } from '../../auth/user.model.js';

/**
 * The acting person's current role, read from the database (a socket's cached copy may be
 * older than a role change), checked against the "Who may do what" table in protocol.
 * Staff-only actions answer FORBIDDEN: the person knows the screen exists, nothing leaks.
 */
export async function requireAction(
  user: AuthUser,
  action: Action,
  situation: Omit<PermissionContext, 'role' | 'expert'> = {},
): Promise<Role> {
  const fresh = await UserModel.findById(user.id, { role: 1, expert: 1, status: 1 }).lean();
  const role = (fresh?.role ?? 'guest') as Role;
  if (
    !fresh ||
    fresh.status !== 'active' ||
    !can(action, { ...situation, role, expert: fresh.expert })
  ) {
    throw new AppError('FORBIDDEN', `${action} not allowed`);
  }
  return role;
}
