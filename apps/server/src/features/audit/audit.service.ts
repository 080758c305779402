import type { AuditAction, AuditEntry, AuditFilter } from '@yhteistyotila/protocol';
import { Types, type QueryFilter } from 'mongoose';
import { loadPeople } from '../../auth/people.js';
import { oid } from '../../db/object-id.js';
import { escapeRegex } from '../../lib/escape-regex.js';
import { DAY, HOUR } from '../../lib/time.js';
import { AuditModel, type AuditDoc } from './audit.model.js';

export type AuditDetails = Record<string, string | number | boolean | null>;

export interface AuditInput {
  actorId: string | null;
  action: AuditAction;
  targetType: string;
  targetId: string | null;
  /** The staff member's own words, if they wrote any ('' counts as none). */
  reason?: string | null | undefined;
  details?: AuditDetails;
  /** Tests only: when it happened. */
  at?: Date;
}

/** How long a staff-written reason is kept (the entry itself stays; decisions.md). */
export const AUDIT_REASON_DAYS = 2 * 365;

const monthOf = (d: Date) => d.toISOString().slice(0, 7);
function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * The oldest month holding an entry, remembered for an hour: the walk below stops there. Asked
 * by a sort, which FerretDB runs over the whole log, hence not on every page.
 */
let oldest: { month: string | null; at: number } | null = null;

export async function recordAudit(input: AuditInput): Promise<void> {
  const at = input.at ?? new Date();
  await AuditModel.create({
    // The id carries the same second as `at`: pages are cut by id, months by `at`.
    _id: new Types.ObjectId(Types.ObjectId.generate(Math.floor(at.getTime() / 1000))),
    at,
    month: monthOf(at),
    actorId: input.actorId ? oid(input.actorId) : null,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId,
    reason: input.reason ? input.reason : null,
    details: input.details ?? {},
  });
  // Only a backdated entry (tests) can be older than the remembered oldest month.
  if (oldest?.month && monthOf(at) < oldest.month) oldest = null;
}

async function presentAuditEntries(docs: AuditDoc[]): Promise<AuditEntry[]> {
  const people = await loadPeople(docs.map((d) => d.actorId));
  return docs.map((d) => {
    const actorId = d.actorId ? d.actorId.toHexString() : null;
    return {
      id: d._id.toHexString(),
      at: d.at.toISOString(),
      actorId,
      actorName: actorId ? (people.get(actorId)?.name ?? null) : null,
      action: d.action,
      targetType: d.targetType,
      targetId: d.targetId ?? d.targetPseudonym ?? null,
      reason: d.reason ?? null,
      details: (d.details ?? {}) as AuditDetails,
    };
  });
}

async function oldestMonth(): Promise<string | null> {
  if (oldest && Date.now() - oldest.at < HOUR && oldest.month) return oldest.month;
  const first = await AuditModel.findOne({}, { month: 1 }).sort({ _id: 1 }).lean<AuditDoc>();
  oldest = { month: first?.month ?? null, at: Date.now() };
  return oldest.month;
}

/**
 * Newest first, `limit` entries after the cursor `before`. Shaped for FerretDB, which pushes only
 * equalities down to PostgreSQL: the log is walked month by month from the newest month of the
 * range, each month one query whose equalities (month, action, actor, target) use an index, and
 * only that month's rows meet the ranges and the free-text match. Authorisation (audit.read)
 * is the caller's job.
 */
async function findAudit(
  filter: AuditFilter & { before?: string | undefined },
  limit: number,
  now = new Date(),
): Promise<AuditDoc[]> {
  const from = filter.from ? new Date(filter.from) : null;
  const to = filter.to ? new Date(filter.to) : null;
  const cursor = filter.before ? oid(filter.before) : null;
  const upper = [now, to, cursor?.getTimestamp()].filter((d): d is Date => d instanceof Date);
  let month = monthOf(new Date(Math.min(...upper.map((d) => d.getTime()))));
  // Never below the oldest month holding an entry: an early `from` (year 1000) would otherwise
  // walk a query per empty month for minutes.
  const oldestStored = await oldestMonth();
  if (oldestStored === null) return [];
  const floor = from && monthOf(from) > oldestStored ? monthOf(from) : oldestStored;

  const base: QueryFilter<AuditDoc> = {};
  if (filter.action) base.action = filter.action;
  if (filter.actorId) base.actorId = oid(filter.actorId);
  if (filter.targetId) base.targetId = filter.targetId;
  if (filter.q) base.reason = { $regex: escapeRegex(filter.q), $options: 'i' };
  if (cursor) base._id = { $lt: cursor };
  if (from || to) base.at = { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) };

  const found: AuditDoc[] = [];
  while (found.length < limit && month >= floor) {
    const docs = await AuditModel.find({ ...base, month })
      .sort({ _id: -1 })
      .limit(limit - found.length)
      .lean<AuditDoc[]>();
    found.push(...docs);
    month = previousMonth(month);
  }
  return found;
}

export async function listAudit(
  opts: AuditFilter & { before?: string | undefined; limit: number },
): Promise<{ entries: AuditEntry[]; next: string | null }> {
  const docs = await findAudit(opts, opts.limit + 1);
  const page = docs.slice(0, opts.limit);
  return {
    entries: await presentAuditEntries(page),
    next: docs.length > opts.limit ? page.at(-1)!._id.toHexString() : null,
  };
}

/** Every entry the filter matches, newest first, at most `max` (the CSV export). */
export async function allAudit(filter: AuditFilter, max: number): Promise<AuditEntry[]> {
  return presentAuditEntries(await findAudit(filter, max));
}

/** Entries about a person (as actor or target), for their data export. */
export async function auditAbout(userId: string): Promise<AuditDoc[]> {
  return AuditModel.find({
    $or: [{ actorId: oid(userId) }, { targetId: userId }, { 'details.authorId': userId }],
  })
    .sort({ at: 1 })
    .lean<AuditDoc[]>();
}

/**
 * Erasure: the person is replaced by a pseudonym in every entry about them, and the reasons
 * staff wrote about them go (free text about a person names them more surely than an id).
 * Reasons they wrote as staff stay: those are about others.
 */
export async function pseudonymiseAudit(userId: string, pseudonym: string): Promise<void> {
  await AuditModel.updateMany(
    { actorId: oid(userId) },
    { $set: { actorId: null, actorPseudonym: pseudonym } },
  );
  await AuditModel.updateMany(
    { targetId: userId },
    { $set: { targetId: null, targetPseudonym: pseudonym, reason: null } },
  );
  // A removal's target is the message; its author, the person, is named in the details.
  await AuditModel.updateMany(
    { 'details.authorId': userId },
    { $set: { 'details.authorId': pseudonym, reason: null } },
  );
}

/** A subject that is gone (a purged join request) takes the reasons written about it along. */
export async function removeAuditReasonsAbout(targetIds: string[]): Promise<void> {
  for (const targetId of targetIds)
    await AuditModel.updateMany({ targetId, reason: { $ne: null } }, { $set: { reason: null } });
}

/** Reasons older than AUDIT_REASON_DAYS are removed; the entries stay (a daily job). */
export async function expireAuditReasons(now = new Date()): Promise<number> {
  const res = await AuditModel.updateMany(
    { reason: { $ne: null }, at: { $lt: new Date(now.getTime() - AUDIT_REASON_DAYS * DAY) } },
    { $set: { reason: null } },
  );
  return res.modifiedCount;
}
