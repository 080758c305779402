import {
  REPORT_CLAIM_MINUTES,
  can,
  rooms,
  type MyReport,
  type Report,
  type ReportTarget,
  type ReportCategory,
} from '@yhteistyotila/protocol';
import type { QueryFilter } from 'mongoose';
import type { AuthUser } from '../../auth/auth.js';
import { oid } from '../../db/object-id.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { claimOnce, releaseClaim } from '../../lib/once.js';
import { MINUTE } from '../../lib/time.js';
import type { Facts } from '../../realtime/facts.js';
import { requireAction } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import {
  MessageModel,
  accessMessage,
  canSeePerson,
  removeByModerator,
  type MessageDoc,
} from '../conversations/index.js';
import {
  LibraryEntryModel,
  readableEntry,
  removeEntry,
  type LibraryEntryDoc,
} from '../library/index.js';
import { ReportModel, type ReportDoc } from './report.model.js';
import { presentMyReport, presentReport, presentReports } from './reports.presenter.js';

const OPEN_QUEUE_LIMIT = 200;
const RESOLVED_LIST_LIMIT = 100;

/** The snapshot and place of what is reported, checked to be visible to the reporter. */
async function snapshotOf(user: AuthUser, target: ReportTarget): Promise<Partial<ReportDoc>> {
  if (target.type === 'profile') {
    if (target.userId === user.id)
      throw new AppError('VALIDATION_ERROR', 'cannot report oneself', {
        issues: [{ path: 'target.userId', code: 'self' }],
      });
    if (!(await canSeePerson(user, target.userId))) throw notFound();
    return { targetId: oid(target.userId), targetUserId: oid(target.userId) };
  }
  if (target.type === 'library-entry') {
    // An entry the reporter may read; the snapshot is its title and summary as they are now.
    const entry = await readableEntry(user, target.entryId);
    return {
      targetId: entry._id,
      targetUserId: entry.authorId ?? null,
      snapshotText: [entry.title, entry.summary].filter(Boolean).join('\n\n'),
      writtenAt: entry.updatedAt,
    };
  }
  // A message the reporter can read; a deleted one has nothing left to report.
  const { message, conv } = await accessMessage(user, target.messageId);
  if (message.deletedAt) throw notFound();
  const placeKind =
    conv.kind === 'dm'
      ? 'dm'
      : conv.visibility === 'private'
        ? 'private-channel'
        : 'public-channel';
  return {
    targetId: message._id,
    targetUserId: message.authorId ?? null,
    conversationId: conv._id,
    placeKind,
    placeName: placeKind === 'public-channel' ? conv.name : '',
    placeDefaultKey:
      placeKind === 'public-channel' && !(conv.customised ?? []).includes('name')
        ? (conv.defaultKey ?? null)
        : null,
    snapshotText: message.text,
    writtenAt: message.createdAt,
  };
}

export async function createReport(
  facts: Facts,
  user: AuthUser,
  input: { target: ReportTarget; category: ReportCategory; note?: string | undefined },
  now = new Date(),
): Promise<MyReport> {
  if (!can('content.report', { role: user.role })) throw forbidden('may not report');
  const snapshot = await snapshotOf(user, input.target);
  // Reporting the same thing again while the first report is open adds nothing to the queue.
  const open = await ReportModel.findOne({
    reporterId: oid(user.id),
    targetType: input.target.type,
    targetId: snapshot.targetId,
    status: 'open',
  }).lean<ReportDoc>();
  if (open) return presentMyReport(open);
  const doc = (
    await ReportModel.create({
      ...snapshot,
      targetType: input.target.type,
      category: input.category,
      urgency: input.category === 'child-personal-data' ? 0 : 1,
      note: input.note ?? '',
      reporterId: oid(user.id),
      createdAt: now,
    })
  ).toObject() as ReportDoc;
  facts.add(rooms.moderators(), 'report:created', await presentReport(doc));
  return presentMyReport(doc);
}

export async function myReports(user: AuthUser): Promise<MyReport[]> {
  const docs = await ReportModel.find({ reporterId: oid(user.id) })
    .sort({ createdAt: -1 })
    .limit(RESOLVED_LIST_LIMIT)
    .lean<ReportDoc[]>();
  return docs.map(presentMyReport);
}

/** Open: a child's personal data first, then oldest first. Resolved: the latest decisions. */
export async function listReports(
  user: AuthUser,
  status: 'open' | 'resolved' = 'open',
): Promise<Report[]> {
  await requireAction(user, 'content.moderate');
  const docs =
    status === 'open'
      ? await ReportModel.find({ status: 'open' })
          .sort({ urgency: 1, createdAt: 1 })
          .limit(OPEN_QUEUE_LIMIT)
          .lean<ReportDoc[]>()
      : await ReportModel.find({ status: { $ne: 'open' } })
          .sort({ resolvedAt: -1 })
          .limit(RESOLVED_LIST_LIMIT)
          .lean<ReportDoc[]>();
  return presentReports(docs);
}

const claimable = (id: string, userId: string, now: Date): QueryFilter<ReportDoc> => ({
  _id: oid(id),
  status: 'open',
  $or: [{ claimedBy: null }, { claimExpiresAt: { $lte: now } }, { claimedBy: oid(userId) }],
});

/** Explains why a conditional update matched nothing. */
async function whyNot(id: string): Promise<never> {
  const doc = await ReportModel.findById(oid(id), { status: 1 }).lean();
  if (!doc) throw notFound();
  throw new AppError(
    'CONFLICT',
    doc.status === 'open' ? 'claimed by another moderator' : `already ${doc.status}`,
  );
}

async function announceUpdated(facts: Facts, doc: ReportDoc): Promise<Report> {
  const view = await presentReport(doc);
  facts.add(rooms.moderators(), 'report:updated', view);
  return view;
}

export async function claimReport(
  facts: Facts,
  user: AuthUser,
  id: string,
  now = new Date(),
): Promise<Report> {
  await requireAction(user, 'content.moderate');
  const doc = await ReportModel.findOneAndUpdate(
    claimable(id, user.id, now),
    {
      $set: {
        claimedBy: oid(user.id),
        claimExpiresAt: new Date(now.getTime() + REPORT_CLAIM_MINUTES * MINUTE),
      },
    },
    { returnDocument: 'after' },
  ).lean<ReportDoc>();
  if (!doc) return whyNot(id);
  return announceUpdated(facts, doc);
}

export async function releaseReport(facts: Facts, user: AuthUser, id: string): Promise<Report> {
  await requireAction(user, 'content.moderate');
  const doc = await ReportModel.findOneAndUpdate(
    { _id: oid(id), status: 'open', claimedBy: oid(user.id) },
    { $set: { claimedBy: null, claimExpiresAt: null } },
    { returnDocument: 'after' },
  ).lean<ReportDoc>();
  if (!doc) return whyNot(id);
  return announceUpdated(facts, doc);
}

/**
 * Exactly one decision per report, even when two moderators press at once: a unique-index
 * claim (FerretDB's conditional updates are not atomic under concurrency, lib/once.ts).
 */
async function decideOnce(id: string): Promise<void> {
  if (!(await claimOnce(`report:decision:${id}`))) await whyNot(id);
}

async function markResolved(
  facts: Facts,
  user: AuthUser,
  id: string,
  outcome: 'dismissed' | 'removed',
  reason: string,
  now: Date,
): Promise<Report> {
  const doc = await ReportModel.findOneAndUpdate(
    { _id: oid(id) },
    {
      $set: {
        status: outcome,
        resolvedBy: oid(user.id),
        resolvedAt: now,
        reason,
        claimedBy: null,
        claimExpiresAt: null,
      },
    },
    { returnDocument: 'after' },
  ).lean<ReportDoc>();
  if (!doc) throw notFound();
  if (doc.reporterId)
    facts.add(rooms.user(String(doc.reporterId)), 'report:resolved', presentMyReport(doc));
  return announceUpdated(facts, doc);
}

async function decide(
  facts: Facts,
  user: AuthUser,
  doc: ReportDoc,
  input: { id: string; outcome: 'dismissed' | 'removed'; reason: string },
  now: Date,
): Promise<Report> {
  if (input.outcome === 'dismissed') {
    await recordAudit({
      actorId: user.id,
      action: 'report.dismiss',
      targetType: 'report',
      targetId: input.id,
      reason: input.reason,
      details: { category: doc.category, targetType: doc.targetType },
    });
    return markResolved(facts, user, input.id, 'dismissed', input.reason, now);
  }
  if (doc.targetType === 'library-entry') {
    const entry = await LibraryEntryModel.findById(doc.targetId, {
      terms: 0,
    }).lean<LibraryEntryDoc>();
    if (entry) {
      await recordAudit({
        actorId: user.id,
        action: 'library.delete',
        targetType: 'library-entry',
        targetId: String(entry._id),
        reason: input.reason,
        details: { title: entry.title, status: entry.status, reportId: input.id },
      });
      await removeEntry(facts, entry);
    }
    return markResolved(facts, user, input.id, 'removed', input.reason, now);
  }
  const message = (await MessageModel.findById(doc.targetId).lean()) as MessageDoc | null;
  // The one audit record of the removal is the message's (removal.ts), naming this report.
  if (message) await removeByModerator(facts, user, message, input.reason, { reportId: input.id });
  return markResolved(facts, user, input.id, 'removed', input.reason, now);
}

/**
 * Dismiss, or remove the reported content. A reported message is removed through the report,
 * not through the conversation: a moderator may remove a DM or private-channel message they
 * could never read (the row "see reports ... remove content": that one item only). Other open
 * reports of the same message are resolved with it, and their reporters told as well.
 */
export async function resolveReport(
  facts: Facts,
  user: AuthUser,
  input: { id: string; outcome: 'dismissed' | 'removed'; reason: string },
  now = new Date(),
): Promise<Report> {
  await requireAction(user, 'content.moderate');
  const doc = await ReportModel.findById(oid(input.id)).lean<ReportDoc>();
  if (!doc) throw notFound();
  if (doc.status !== 'open') return whyNot(input.id);
  const heldByOther =
    doc.claimedBy &&
    String(doc.claimedBy) !== user.id &&
    doc.claimExpiresAt &&
    doc.claimExpiresAt > now;
  if (heldByOther) throw new AppError('CONFLICT', 'claimed by another moderator');
  if (input.outcome === 'removed' && doc.targetType === 'profile')
    throw new AppError('VALIDATION_ERROR', 'only a message or a library entry can be removed', {
      issues: [{ path: 'outcome', code: 'not_removable' }],
    });
  await decideOnce(input.id);
  let resolved: Report;
  try {
    resolved = await decide(facts, user, doc, input, now);
  } catch (err) {
    // Nothing decided: the report stays open for the next attempt.
    await releaseClaim(`report:decision:${input.id}`);
    throw err;
  }
  if (input.outcome === 'dismissed') return resolved;
  const others = await ReportModel.find(
    { targetType: doc.targetType, targetId: doc.targetId, status: 'open', _id: { $ne: doc._id } },
    { _id: 1 },
  ).lean();
  for (const other of others) {
    const otherId = String(other._id);
    if (await claimOnce(`report:decision:${otherId}`))
      await markResolved(facts, user, otherId, 'removed', input.reason, now);
  }
  return resolved;
}
