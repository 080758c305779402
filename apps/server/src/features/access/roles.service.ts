import { isStaff, rooms, type Role, type UserSummary } from '@yhteistyotila/protocol';
import type { AppContext } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import type { Facts } from '../../realtime/facts.js';
import { recordAudit } from '../audit/index.js';
import { grantActionFor, requireAction } from './access.policy.js';
import type { AuthUser } from '../../auth/auth.js';
import { oid } from '../../db/object-id.js';
import { endUserSessions, refreshUserSockets } from '../../auth/sessions.js';
import { UserModel, type UserDoc } from '../../auth/user.model.js';

export const presentUserSummary = (u: UserDoc): UserSummary => ({
  id: u._id.toHexString(),
  name: u.name,
  role: u.role,
  guestUntil: u.guestUntil ? u.guestUntil.toISOString() : null,
  status: u.status as 'active' | 'suspended',
});

async function loadTarget(actor: AuthUser, userId: string): Promise<UserDoc> {
  if (userId === actor.id) throw new AppError('FORBIDDEN', 'not on yourself');
  const target = await UserModel.findById(userId).lean<UserDoc>();
  if (!target) throw notFound();
  return target;
}

function announce(facts: Facts, doc: UserDoc): UserSummary {
  const summary = presentUserSummary(doc);
  facts.add([rooms.user(summary.id), rooms.moderators()], 'user:updated', summary);
  return summary;
}

/**
 * Moderators make members, experts and guest experts; only admins touch moderators and
 * admins (both the role given and the role taken away), per the permissions table.
 */
export async function setRole(
  app: AppContext,
  facts: Facts,
  actor: AuthUser,
  input: { userId: string; role: Role; guestUntil?: string | undefined },
): Promise<UserSummary> {
  // The role given is checked before the person is looked up: someone who may grant nothing
  // hears FORBIDDEN for every id, never whether it names somebody.
  await requireAction(actor, grantActionFor(input.role));
  const target = await loadTarget(actor, input.userId);
  await requireAction(actor, grantActionFor(target.role));
  const guestUntil = input.role === 'guest' && input.guestUntil ? new Date(input.guestUntil) : null;
  const updated = await UserModel.findOneAndUpdate(
    { _id: target._id },
    { $set: { role: input.role, guestUntil } },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  if (!updated) throw notFound();
  await recordAudit({
    actorId: actor.id,
    action: 'user.setRole',
    targetType: 'user',
    targetId: input.userId,
    details: { from: target.role, to: input.role },
  });
  await refreshUserSockets(app, input.userId);
  return announce(facts, updated);
}

/**
 * Suspension ends every session of the person; their open sockets close within seconds.
 * Like setRole: only someone who may act on somebody learns whether an id names a person.
 */
export async function setStatus(
  app: AppContext,
  facts: Facts,
  actor: AuthUser,
  input: { userId: string; status: 'active' | 'suspended' },
): Promise<UserSummary> {
  await requireAction(actor, 'role.grantExpert');
  const target = await loadTarget(actor, input.userId);
  if (isStaff(target.role)) await requireAction(actor, 'role.grantStaff');
  const updated = await UserModel.findOneAndUpdate(
    { _id: oid(input.userId) },
    { $set: { status: input.status } },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  if (!updated) throw notFound();
  if (input.status === 'suspended') await endUserSessions(app, input.userId, 'suspended');
  await recordAudit({
    actorId: actor.id,
    action: input.status === 'suspended' ? 'user.suspend' : 'user.reactivate',
    targetType: 'user',
    targetId: input.userId,
  });
  return announce(facts, updated);
}
