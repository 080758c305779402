import {
  grantActionFor,
  holdsExpertCapability,
  isStaff,
  rooms,
  type Role,
  type UserSummary,
} from '@yhteistyotila/protocol';
import type { AppContext } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import type { Facts } from '../../realtime/facts.js';
import { recordAudit, type AuditInput } from '../audit/index.js';
import { requireAction } from './access.policy.js';
import type { AuthUser } from '../../auth/auth.js';
import { endUserSessions, refreshUserSockets } from '../../auth/sessions.js';
import { UserModel, type UserDoc } from '../../auth/user.model.js';

/*
 * Actions on a person, from the people page: role, expert capability, a guest expert's end
 * date, suspension. Each checks the table before it looks the person up (someone who may act on
 * nobody hears FORBIDDEN for every id, never whether it names somebody), then the rule about
 * this person, writes, records exactly one audit entry, and announces the person's new summary.
 */

export const presentUserSummary = (u: UserDoc): UserSummary => ({
  id: u._id.toHexString(),
  name: u.name,
  role: u.role,
  expert: holdsExpertCapability(u),
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
 * How every change to a person ends: the audit record (the person its target); for a change
 * their open sockets act on (role, capability, end date), those sockets brought up to date; and
 * staff told.
 */
async function recordChange(
  app: AppContext,
  facts: Facts,
  actor: AuthUser,
  change: {
    userId: string;
    updated: UserDoc;
    audit: Pick<AuditInput, 'action' | 'details' | 'reason'>;
    refreshSockets: boolean;
  },
): Promise<UserSummary> {
  await recordAudit({
    actorId: actor.id,
    ...change.audit,
    targetType: 'user',
    targetId: change.userId,
  });
  if (change.refreshSockets) await refreshUserSockets(app, change.userId);
  return announce(facts, change.updated);
}

async function update(target: UserDoc, set: Record<string, unknown>): Promise<UserDoc> {
  const updated = await UserModel.findOneAndUpdate(
    { _id: target._id },
    { $set: set },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  if (!updated) throw notFound();
  return updated;
}

const notAGuest = () => new AppError('CONFLICT', 'not a guest expert');

function futureDate(iso: string, now: Date): Date {
  const at = new Date(iso);
  if (at <= now)
    throw new AppError('VALIDATION_ERROR', 'guestUntil in the past', {
      issues: [{ path: 'guestUntil', code: 'too_small' }],
    });
  return at;
}

/**
 * Moderators make members and guest experts; only admins touch moderators and admins (both the
 * role given and the role taken away). The expert capability stays as it was, except that a
 * guest expert holds it by definition.
 */
export async function setRole(
  app: AppContext,
  facts: Facts,
  actor: AuthUser,
  input: { userId: string; role: Role; guestUntil?: string | undefined },
  now = new Date(),
): Promise<UserSummary> {
  await requireAction(actor, grantActionFor(input.role));
  const target = await loadTarget(actor, input.userId);
  await requireAction(actor, grantActionFor(target.role));
  const guest = input.role === 'guest';
  const guestUntil = guest && input.guestUntil ? futureDate(input.guestUntil, now) : null;
  const updated = await update(target, {
    role: input.role,
    guestUntil,
    ...(guest ? { expert: true } : {}),
  });
  return recordChange(app, facts, actor, {
    userId: input.userId,
    updated,
    audit: { action: 'user.setRole', details: { from: target.role, to: input.role } },
    refreshSockets: true,
  });
}

/**
 * Gives or takes the expert capability (moderators on people who are not staff, admins on anyone
 * but themselves). A
 * guest expert's is theirs until the end date: end their time instead. No change, no record.
 */
export async function setExpert(
  app: AppContext,
  facts: Facts,
  actor: AuthUser,
  input: { userId: string; expert: boolean },
): Promise<UserSummary> {
  await requireAction(actor, 'role.grantExpert');
  const target = await loadTarget(actor, input.userId);
  // As with roles: only admins touch moderators and admins, their capability included.
  if (isStaff(target.role)) await requireAction(actor, 'role.grantStaff');
  if (target.role === 'guest') throw notAGuest();
  if (target.expert === input.expert) return presentUserSummary(target);
  const updated = await update(target, { expert: input.expert });
  return recordChange(app, facts, actor, {
    userId: input.userId,
    updated,
    audit: { action: input.expert ? 'user.grantExpert' : 'user.revokeExpert' },
    refreshSockets: true,
  });
}

/** Sets or extends a guest expert's end date; their open sockets count to the new one. */
export async function setGuestUntil(
  app: AppContext,
  facts: Facts,
  actor: AuthUser,
  input: { userId: string; guestUntil: string },
  now = new Date(),
): Promise<UserSummary> {
  await requireAction(actor, 'guest.manage');
  const target = await loadTarget(actor, input.userId);
  if (target.role !== 'guest') throw notAGuest();
  const guestUntil = futureDate(input.guestUntil, now);
  const updated = await update(target, { guestUntil });
  return recordChange(app, facts, actor, {
    userId: input.userId,
    updated,
    audit: {
      action: 'user.setGuestUntil',
      details: { from: target.guestUntil?.toISOString() ?? null, to: guestUntil.toISOString() },
    },
    refreshSockets: true,
  });
}

/** Ends a guest expert's time now: the end date becomes now, their sessions end at once. */
export async function endGuest(
  app: AppContext,
  facts: Facts,
  actor: AuthUser,
  input: { userId: string },
  now = new Date(),
): Promise<UserSummary> {
  await requireAction(actor, 'guest.manage');
  const target = await loadTarget(actor, input.userId);
  if (target.role !== 'guest') throw notAGuest();
  const updated = await update(target, { guestUntil: now });
  await endUserSessions(app, input.userId, 'expired');
  return recordChange(app, facts, actor, {
    userId: input.userId,
    updated,
    audit: { action: 'user.endGuest', details: { from: target.guestUntil?.toISOString() ?? null } },
    refreshSockets: false,
  });
}

/**
 * Suspends (every session ends, open sockets are told and closed at once) or lifts, always with
 * a reason. Moderators act on people who are not staff, admins on anyone. The suspension's
 * reason stays on the person while it lasts; both go to the audit log. No change, no record.
 */
export async function setStatus(
  app: AppContext,
  facts: Facts,
  actor: AuthUser,
  input: { userId: string; status: 'active' | 'suspended'; reason: string },
  now = new Date(),
): Promise<UserSummary> {
  await requireAction(actor, 'people.read');
  const target = await loadTarget(actor, input.userId);
  await requireAction(actor, 'user.suspend', { targetStaff: isStaff(target.role) });
  if (target.status === input.status) return presentUserSummary(target);
  const suspending = input.status === 'suspended';
  const updated = await update(target, {
    status: input.status,
    suspendedReason: suspending ? input.reason : null,
    suspendedAt: suspending ? now : null,
  });
  if (suspending) await endUserSessions(app, input.userId, 'suspended');
  return recordChange(app, facts, actor, {
    userId: input.userId,
    updated,
    audit: { action: suspending ? 'user.suspend' : 'user.reactivate', reason: input.reason },
    refreshSockets: false,
  });
}
