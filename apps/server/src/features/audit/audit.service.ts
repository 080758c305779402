import type { AuditEntry } from '@yhteistyotila/protocol';
import { oid } from '../../db/object-id.js';
import { AuditModel, type AuditDoc } from './audit.model.js';

export type AuditDetails = Record<string, string | number | boolean | null>;

export interface AuditInput {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  /** The staff member's reason, in their words (free text: kept apart from `details`). */
  reason?: string;
  details?: AuditDetails;
}

export async function recordAudit(input: AuditInput): Promise<void> {
  await AuditModel.create({
    at: new Date(),
    actorId: input.actorId ? oid(input.actorId) : null,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId,
    reason: input.reason ?? null,
    details: input.details ?? {},
  });
}

export const presentAudit = (d: AuditDoc): AuditEntry => ({
  id: d._id.toHexString(),
  at: d.at.toISOString(),
  actorId: d.actorId ? d.actorId.toHexString() : null,
  action: d.action,
  targetType: d.targetType,
  targetId: d.targetId ?? d.targetPseudonym ?? null,
  details: (d.details ?? {}) as AuditDetails,
});

/** Newest first. Authorisation (audit.read) is the caller's job. */
export async function listAudit(opts: {
  before?: string | undefined;
  limit: number;
}): Promise<AuditEntry[]> {
  const filter = opts.before ? { at: { $lt: new Date(opts.before) } } : {};
  const docs = await AuditModel.find(filter).sort({ at: -1 }).limit(opts.limit).lean<AuditDoc[]>();
  return docs.map(presentAudit);
}

/** Entries about a person (as actor or target), for their data export. */
export async function auditAbout(userId: string): Promise<AuditDoc[]> {
  return AuditModel.find({
    $or: [{ actorId: oid(userId) }, { targetId: userId }],
  })
    .sort({ at: 1 })
    .lean<AuditDoc[]>();
}

/** Replaces the person by a pseudonym in every entry about them (erasure keeps the proof only). */
export async function pseudonymiseAudit(userId: string, pseudonym: string): Promise<void> {
  await AuditModel.updateMany(
    { actorId: oid(userId) },
    { $set: { actorId: null, actorPseudonym: pseudonym } },
  );
  await AuditModel.updateMany(
    { targetId: userId },
    { $set: { targetId: null, targetPseudonym: pseudonym } },
  );
}
