import {
  LIBRARY_REVIEW_MONTHS,
  type LibraryEntry,
  type LibraryEntrySummary,
} from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import { oid } from '../../db/object-id.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { DAY } from '../../lib/time.js';
import type { Facts } from '../../realtime/facts.js';
import { requireAction } from '../access/index.js';
import { announce, entryFor } from './entries.service.js';
import { readableEntry } from './library.policy.js';
import { presentSummaries } from './library.presenter.js';
import { LibraryEntryModel, type LibraryEntryDoc } from './library-entry.model.js';
import { LibraryRevisionModel } from './library-revision.model.js';

/*
 * The expert review stamp, tied to one revision (issue 12, item 3). Only holders of the expert
 * capability stamp and remove stamps (`library.review`; a guest expert's column says no). A
 * later revision that is not minor (the minor-edit rule, review-minor-edit.ts) makes the stamp
 * "changed since review": the entries service sets `review.changedSince` when it saves one.
 */

/** "Review due" shows stamps that expire within this window, besides the expired ones. */
export const REVIEW_DUE_WINDOW_DAYS = 30;
/** The latest due date an expert may set: a stamp is a promise to look again. */
export const MAX_REVIEW_DUE_DAYS = 3 * 366;
/** The longest "review due" list (oldest first): enough for a sitting, small enough to send. */
export const REVIEW_DUE_LIMIT = 200;

export const defaultDueAt = (now: Date): Date => {
  const due = new Date(now);
  due.setUTCMonth(due.getUTCMonth() + LIBRARY_REVIEW_MONTHS);
  return due;
};

function dueAtFrom(input: string | undefined, now: Date): Date {
  if (input === undefined) return defaultDueAt(now);
  const due = new Date(input);
  const issue = (code: string) =>
    new AppError('VALIDATION_ERROR', `dueAt ${code}`, { issues: [{ path: 'dueAt', code }] });
  if (due.getTime() <= now.getTime()) throw issue('past');
  if (due.getTime() > now.getTime() + MAX_REVIEW_DUE_DAYS * DAY) throw issue('too_far');
  return due;
}

/** A published entry the expert may stamp, read afresh. */
async function reviewableEntry(user: AuthUser, id: string): Promise<LibraryEntryDoc> {
  await requireAction(user, 'library.review');
  const doc = await readableEntry(user, id);
  if (doc.status !== 'published') throw forbidden('only published entries are reviewed');
  return doc;
}

/**
 * Stamps revision `revision` "expert reviewed" until `dueAt`. Usually the current revision (the
 * one the expert read); an older one is accepted too, and then the stamp is "changed since
 * review" at once if any later revision was not minor.
 */
export async function stampReview(
  facts: Facts,
  user: AuthUser,
  input: { id: string; revision: number; dueAt?: string | undefined },
  now = new Date(),
): Promise<LibraryEntry> {
  const doc = await reviewableEntry(user, input.id);
  const dueAt = dueAtFrom(input.dueAt, now);
  if (input.revision > doc.revision) throw notFound();
  const review = {
    revision: input.revision,
    reviewerId: oid(user.id),
    reviewedAt: now,
    dueAt,
    changedSince: await substantialSince(doc, input.revision),
  };
  await LibraryEntryModel.updateOne({ _id: doc._id }, { $set: { review } });
  // A substantial save that read the entry before the stamp was written did not mark it:
  // look once more now that the stamp is stored (a save inserts its revision first).
  if (!review.changedSince && (await substantialSince(doc, input.revision))) {
    await LibraryEntryModel.updateOne(
      { _id: doc._id, 'review.reviewedAt': now },
      { $set: { 'review.changedSince': true } },
    );
  }
  return announced(facts, user, input.id);
}

/** Removes the stamp (whoever set it). */
export async function removeReview(
  facts: Facts,
  user: AuthUser,
  id: string,
): Promise<LibraryEntry> {
  const doc = await reviewableEntry(user, id);
  if (doc.review) await LibraryEntryModel.updateOne({ _id: doc._id }, { $set: { review: null } });
  return announced(facts, user, id);
}

/**
 * Was any revision after `revision` not minor? Read from the revisions (not the entry's copy, which
 * may be older than a save in progress): one equality on the (entryId, number) index.
 */
async function substantialSince(doc: LibraryEntryDoc, revision: number): Promise<boolean> {
  const later = await LibraryRevisionModel.find(
    { entryId: doc._id },
    { number: 1, minor: 1, _id: 0 },
  ).lean<{ number: number; minor?: boolean | null }[]>();
  return later.some((r) => r.number > revision && r.minor !== true);
}

async function announced(facts: Facts, user: AuthUser, id: string): Promise<LibraryEntry> {
  const fresh = await readableEntry(user, id);
  await announce(facts, fresh);
  return entryFor(user, fresh);
}

/**
 * The experts' "review due" list: published entries whose stamp has expired or expires within
 * REVIEW_DUE_WINDOW_DAYS, whose text changed since the review, or that were never reviewed.
 * Expired and changed first (by due date), then those due soon, then the never reviewed (the
 * oldest published first). The status equality narrows; the rest is sorted here.
 */
export async function reviewDue(user: AuthUser, now = new Date()): Promise<LibraryEntrySummary[]> {
  await requireAction(user, 'library.review');
  const soon = now.getTime() + REVIEW_DUE_WINDOW_DAYS * DAY;
  const docs = await LibraryEntryModel.find({ status: 'published' }, { body: 0, terms: 0 }).lean<
    LibraryEntryDoc[]
  >();
  const rank = (d: LibraryEntryDoc): [number, number] | null => {
    if (!d.review) return [2, (d.publishedAt ?? d.createdAt).getTime()];
    const due = d.review.dueAt.getTime();
    if (due <= now.getTime() || d.review.changedSince) return [0, due];
    return due <= soon ? [1, due] : null;
  };
  const ranked = docs
    .map((d) => ({ d, r: rank(d) }))
    .filter((x): x is { d: LibraryEntryDoc; r: [number, number] } => x.r !== null)
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1])
    .slice(0, REVIEW_DUE_LIMIT);
  return presentSummaries(ranked.map((x) => x.d));
}
