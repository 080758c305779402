import { rooms, type LibraryCreditRequest, type PersonRef } from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import type { AuthUser } from '../../auth/auth.js';
import { personRefOf } from '../../auth/people.js';
import { oid } from '../../db/object-id.js';
import { isDuplicateKey, notFound } from '../../errors.js';
import type { Facts } from '../../realtime/facts.js';
import { blockersAmong } from '../blocks/index.js';
import { loadPeople } from '../conversations/index.js';
import { announce } from './entries.service.js';
import { addEntryExtras, onEntryDeleted } from './library.hooks.js';
import { LibraryEntryModel, type LibraryEntryDoc } from './library-entry.model.js';
import { LibraryCreditModel, type LibraryCreditDoc } from './credits.model.js';

/*
 * Credits for the people quoted when a chat message or thread is saved to the library (issue 12,
 * item 5): each is asked once per entry (a live `library:creditRequested` to their own room, and
 * the list `library:creditRequests` they answer with one click), and only those who accept are
 * named on the entry. Declining, or never answering, names nobody. An erased person's credits
 * are deleted (credits.personal-data.ts).
 */

const MAX_REQUESTS_LISTED = 100;

/**
 * Asks each quoted person (not the saver, nor anyone who blocked the saver: a block stops
 * notifications, as it does for mentions) once whether they may be credited on `entry`.
 */
export async function requestCredits(
  facts: Facts,
  saver: AuthUser,
  entry: LibraryEntryDoc,
  quoted: Types.ObjectId[],
  now = new Date(),
): Promise<void> {
  const people = [...new Set(quoted.map(String))].filter((id) => id !== saver.id);
  const blockers = await blockersAmong(saver.id, people.map(oid));
  for (const userId of people.filter((id) => !blockers.has(id))) {
    try {
      await LibraryCreditModel.create({
        entryId: entry._id,
        userId: oid(userId),
        requestedBy: oid(saver.id),
        status: 'requested',
        createdAt: now,
      });
    } catch (err) {
      if (isDuplicateKey(err)) continue;
      throw err;
    }
    facts.add(rooms.user(userId), 'library:creditRequested', {
      entryId: String(entry._id),
      entryTitle: entry.title,
      requestedBy: personRefOf(saver),
      status: 'requested',
      createdAt: now.toISOString(),
    });
  }
}

/** The person's own requests, newest first, with the entries' current titles. */
export async function myCreditRequests(user: AuthUser): Promise<LibraryCreditRequest[]> {
  const docs = await LibraryCreditModel.find({ userId: oid(user.id) })
    .sort({ createdAt: -1 })
    .limit(MAX_REQUESTS_LISTED)
    .lean<LibraryCreditDoc[]>();
  if (!docs.length) return [];
  const [entries, people] = await Promise.all([
    LibraryEntryModel.find({ _id: { $in: docs.map((d) => d.entryId) } }, { title: 1 }).lean<
      Pick<LibraryEntryDoc, '_id' | 'title'>[]
    >(),
    loadPeople(docs.map((d) => d.requestedBy)),
  ]);
  const titles = new Map(entries.map((e) => [String(e._id), e.title]));
  return docs
    .filter((d) => titles.has(String(d.entryId)))
    .map((d) => ({
      entryId: String(d.entryId),
      entryTitle: titles.get(String(d.entryId)) ?? '',
      requestedBy: d.requestedBy ? (people.get(String(d.requestedBy)) ?? null) : null,
      status: d.status as LibraryCreditRequest['status'],
      createdAt: d.createdAt.toISOString(),
    }));
}

/** Yes or no to one's own request (either may be changed later). */
export async function answerCredit(
  facts: Facts,
  user: AuthUser,
  input: { entryId: string; accept: boolean },
  now = new Date(),
): Promise<void> {
  const key = { entryId: oid(input.entryId), userId: oid(user.id) };
  const res = await LibraryCreditModel.updateOne(key, {
    $set: { status: input.accept ? 'accepted' : 'declined', answeredAt: now },
  });
  if (res.matchedCount === 0) throw notFound();
  const entry = await LibraryEntryModel.findById(key.entryId, { terms: 0 }).lean<LibraryEntryDoc>();
  if (entry) await announce(facts, entry);
}

/** The people who agreed to be credited on the entry, in the order they were asked. */
export async function creditedPeople(entryId: Types.ObjectId): Promise<PersonRef[]> {
  const accepted = await LibraryCreditModel.find({ entryId, status: 'accepted' })
    .sort({ createdAt: 1 })
    .lean<LibraryCreditDoc[]>();
  if (!accepted.length) return [];
  const people = await loadPeople(accepted.map((c) => c.userId));
  return accepted.flatMap((c) => people.get(String(c.userId)) ?? []);
}

addEntryExtras(async (_user, doc) => ({ credits: await creditedPeople(doc._id) }));

onEntryDeleted(async (entryId) => {
  await LibraryCreditModel.deleteMany({ entryId });
});
