import { isStaff, type Action } from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import { UserModel, type UserDoc } from '../../auth/user.model.js';
import { oid } from '../../db/object-id.js';
import { AppError, notFound } from '../../errors.js';
import { requireAction } from '../access/index.js';

/**
 * The person a ladder step acts on. The action is checked before the lookup, so someone who
 * may do nothing here hears FORBIDDEN for every id, never whether it names a person. Staff are
 * acted on by admins only, as with suspension ("suspend and lift: moderator non-staff").
 */
export async function targetOf(actor: AuthUser, userId: string, action: Action): Promise<UserDoc> {
  await requireAction(actor, action);
  if (userId === actor.id) throw new AppError('FORBIDDEN', 'not on yourself');
  const target = await UserModel.findById(oid(userId)).lean<UserDoc>();
  if (!target) throw notFound();
  if (isStaff(target.role)) await requireAction(actor, 'role.grantStaff');
  return target;
}
