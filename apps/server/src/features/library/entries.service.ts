import { rooms, type LibraryContent, type LibraryEntry } from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import { oid } from '../../db/object-id.js';
import { AppError, isDuplicateKey, notFound } from '../../errors.js';
import type { Facts } from '../../realtime/facts.js';
import { requireAction } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { contentDiff } from './library.diff.js';
import { contentOf, storedContent } from './library.content.js';
import { deleteTerms, indexEntry, setTermsStatus } from './library.terms.js';
import { entryDeleted, entryPublished, entryWritten, extrasFor } from './library.hooks.js';
import {
  deletableEntry,
  publishableEntry,
  readableEntry,
  writableEntry,
} from './library.policy.js';
import { presentEntry, presentRevision } from './library.presenter.js';
import { LibraryEntryModel, type LibraryEntryDoc } from './library-entry.model.js';
import { LibraryRevisionModel, type LibraryRevisionDoc } from './library-revision.model.js';
import { isMinorRevision } from './review-minor-edit.js';

/** The entry as this reader sees it (their own validation, the credits). */
export async function entryFor(user: AuthUser, doc: LibraryEntryDoc): Promise<LibraryEntry> {
  return presentEntry(doc, await extrasFor(user, doc));
}

/**
 * Tells everyone who has the entry open (library:watch), with what is the same for every reader
 * (the credits); their own flags come from library:get.
 */
export async function announce(facts: Facts, doc: LibraryEntryDoc): Promise<void> {
  const entry = await presentEntry(doc, await extrasFor(null, doc));
  facts.add(rooms.libraryEntry(String(doc._id)), 'library:entryUpdated', entry);
}

export async function getEntry(user: AuthUser, id: string): Promise<LibraryEntry> {
  return entryFor(user, await readableEntry(user, id));
}

/** A new draft, revision 1, by its author. */
export async function createDraft(
  user: AuthUser,
  content: LibraryContent,
  extra: Partial<Pick<LibraryEntryDoc, 'origin' | 'seedKey'>> = {},
  now = new Date(),
): Promise<LibraryEntryDoc> {
  await requireAction(user, 'library.write');
  const entry = (
    await LibraryEntryModel.create({
      ...storedContent(content),
      ...extra,
      status: 'draft',
      revision: 1,
      authorId: oid(user.id),
      editorId: oid(user.id),
      createdAt: now,
      updatedAt: now,
    })
  ).toObject() as LibraryEntryDoc;
  await LibraryRevisionModel.create({
    ...storedContent(content),
    entryId: entry._id,
    number: 1,
    editorId: oid(user.id),
    createdAt: now,
  });
  await indexEntry(entry._id, 1, 'draft', content);
  await entryWritten(user, entry._id, now);
  return entry;
}

export async function createEntry(user: AuthUser, content: LibraryContent): Promise<LibraryEntry> {
  return entryFor(user, await createDraft(user, content));
}

/** The latest revision: the history is the truth (the entry's copy is updated after it). */
async function latestRevision(entryId: LibraryEntryDoc['_id']): Promise<LibraryRevisionDoc> {
  const latest = await LibraryRevisionModel.findOne({ entryId })
    .sort({ number: -1 })
    .lean<LibraryRevisionDoc>();
  if (!latest) throw notFound();
  return latest;
}

async function refuse(
  entryId: LibraryEntryDoc['_id'],
  baseRevision: number,
  yours: LibraryContent,
): Promise<never> {
  const theirs = await latestRevision(entryId);
  const base = await LibraryRevisionModel.findOne({
    entryId,
    number: baseRevision,
  }).lean<LibraryRevisionDoc>();
  const theirContent = contentOf(theirs);
  throw new AppError('LIBRARY_CONFLICT', 'saved on an old revision', {
    conflict: {
      entryId: String(entryId),
      baseRevision,
      theirs: await presentRevision(theirs),
      theirChanges: contentDiff(base ? contentOf(base) : theirContent, theirContent),
      yourChanges: contentDiff(theirContent, yours),
    },
  });
}

/**
 * Saves `content` as revision `baseRevision + 1`. The insert under the unique (entryId, number)
 * index is the claim: if someone saved on the same base first, it fails and the save is refused
 * with LIBRARY_CONFLICT and the difference, so no edit is ever silently lost.
 */
async function saveRevision(
  facts: Facts,
  user: AuthUser,
  doc: LibraryEntryDoc,
  baseRevision: number,
  content: LibraryContent,
  restoredFrom: number | null,
  now = new Date(),
): Promise<LibraryEntryDoc> {
  const current = await latestRevision(doc._id);
  if (current.number !== baseRevision) return refuse(doc._id, baseRevision, content);
  const number = baseRevision + 1;
  const minor = isMinorRevision(contentOf(current), content);
  try {
    await LibraryRevisionModel.create({
      ...storedContent(content),
      entryId: doc._id,
      number,
      editorId: oid(user.id),
      createdAt: now,
      minor,
      restoredFrom,
    });
  } catch (err) {
    if (isDuplicateKey(err)) return refuse(doc._id, baseRevision, content);
    throw err;
  }
  const own = doc.authorId !== null && String(doc.authorId) === user.id;
  // `revision < number`: a slower earlier save never overwrites a later one's content.
  await LibraryEntryModel.updateOne(
    { _id: doc._id, revision: { $lt: number } },
    {
      $set: {
        ...storedContent(content),
        revision: number,
        editorId: oid(user.id),
        updatedAt: now,
        ...(doc.review && !minor ? { 'review.changedSince': true } : {}),
      },
      ...(own ? {} : { $addToSet: { contributorIds: oid(user.id) } }),
    },
  );
  await indexEntry(doc._id, number, doc.status, content);
  await entryWritten(user, doc._id, now);
  const saved = await readableEntry(user, String(doc._id));
  await announce(facts, saved);
  return saved;
}

export async function saveEntry(
  facts: Facts,
  user: AuthUser,
  input: { id: string; baseRevision: number; content: LibraryContent },
): Promise<LibraryEntry> {
  const doc = await writableEntry(user, input.id);
  return entryFor(
    user,
    await saveRevision(facts, user, doc, input.baseRevision, input.content, null),
  );
}

/** A restore is a save of an old revision's content, based on the current one. */
export async function restoreRevision(
  facts: Facts,
  user: AuthUser,
  input: { id: string; number: number; baseRevision: number },
): Promise<LibraryEntry> {
  const doc = await writableEntry(user, input.id);
  const old = await LibraryRevisionModel.findOne({
    entryId: doc._id,
    number: input.number,
  }).lean<LibraryRevisionDoc>();
  if (!old) throw notFound();
  const saved = await saveRevision(
    facts,
    user,
    doc,
    input.baseRevision,
    contentOf(old),
    input.number,
  );
  return entryFor(user, saved);
}

/** The author publishes their draft; publishing again changes nothing. */
export async function publishEntry(
  facts: Facts,
  user: AuthUser,
  id: string,
  now = new Date(),
): Promise<LibraryEntry> {
  const doc = await publishableEntry(user, id);
  if (doc.status === 'published') return entryFor(user, doc);
  const { modifiedCount } = await LibraryEntryModel.updateOne(
    { _id: doc._id, status: 'draft' },
    { $set: { status: 'published', publishedAt: now, updatedAt: now } },
  );
  await setTermsStatus(doc._id, 'published');
  await entryWritten(user, doc._id, now);
  const published = await readableEntry(user, id);
  if (!modifiedCount) return entryFor(user, published);
  await entryPublished(facts, user, published);
  await announce(facts, published);
  return entryFor(user, published);
}

/** Deletes an entry with its history, its search terms and what hangs on it (library.hooks). */
export async function purgeEntry(entryId: LibraryEntryDoc['_id']): Promise<void> {
  await LibraryEntryModel.deleteOne({ _id: entryId });
  await LibraryRevisionModel.deleteMany({ entryId });
  await deleteTerms(entryId);
  await entryDeleted(entryId);
}

/** Removes an entry and tells whoever has it open. */
export async function removeEntry(facts: Facts, doc: LibraryEntryDoc): Promise<void> {
  await purgeEntry(doc._id);
  facts.add(rooms.libraryEntry(String(doc._id)), 'library:entryDeleted', { id: String(doc._id) });
}

/** Own draft, or staff any entry (recorded in the audit log when it was not one's own draft). */
export async function deleteEntry(facts: Facts, user: AuthUser, id: string): Promise<void> {
  const doc = await deletableEntry(user, id);
  const ownDraft = doc.status === 'draft' && String(doc.authorId) === user.id;
  if (!ownDraft)
    await recordAudit({
      actorId: user.id,
      action: 'library.delete',
      targetType: 'library-entry',
      targetId: id,
      reason: null,
      details: { title: doc.title, status: doc.status },
    });
  await removeEntry(facts, doc);
}
