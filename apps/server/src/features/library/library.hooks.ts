import type { PersonRef } from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import type { AuthUser } from '../../auth/auth.js';
import type { Facts } from '../../realtime/facts.js';
import type { LibraryEntryDoc } from './library-entry.model.js';

/*
 * Where the other library files (review, validations, discussion, credits) join the entries'
 * life cycle without the entries service knowing them: they register at import time.
 */

/** What a reader sees on an entry besides its document: their own validation, the credits. */
export interface EntryExtras {
  validatedByMe: boolean;
  followedByMe: boolean;
  credits: PersonRef[];
}
/** `user` null: the broadcast every watcher gets, so only what is the same for every reader. */
type ExtrasProvider = (
  user: AuthUser | null,
  doc: LibraryEntryDoc,
) => Promise<Partial<EntryExtras>>;
type PublishedListener = (facts: Facts, user: AuthUser, doc: LibraryEntryDoc) => Promise<void>;
type DeletedListener = (entryId: Types.ObjectId) => Promise<void>;
type WrittenListener = (user: AuthUser, entryId: Types.ObjectId, now: Date) => Promise<void>;

const extrasProviders: ExtrasProvider[] = [];
const publishedListeners: PublishedListener[] = [];
const deletedListeners: DeletedListener[] = [];
const writtenListeners: WrittenListener[] = [];

export const addEntryExtras = (fn: ExtrasProvider) => void extrasProviders.push(fn);
/** After an entry was published (e.g. post its discussion thread's root). */
export const onEntryPublished = (fn: PublishedListener) => void publishedListeners.push(fn);
/** After an entry and its revisions were deleted (delete what hangs on it). */
export const onEntryDeleted = (fn: DeletedListener) => void deletedListeners.push(fn);
/** After a person wrote a version of an entry: created, saved, restored or published it. */
export const onEntryWritten = (fn: WrittenListener) => void writtenListeners.push(fn);

export async function extrasFor(user: AuthUser | null, doc: LibraryEntryDoc): Promise<EntryExtras> {
  const extras: EntryExtras = { validatedByMe: false, followedByMe: false, credits: [] };
  for (const fn of extrasProviders) Object.assign(extras, await fn(user, doc));
  return extras;
}

export async function entryPublished(facts: Facts, user: AuthUser, doc: LibraryEntryDoc) {
  for (const fn of publishedListeners) await fn(facts, user, doc);
}

export async function entryDeleted(entryId: Types.ObjectId) {
  for (const fn of deletedListeners) await fn(entryId);
}

export async function entryWritten(user: AuthUser, entryId: Types.ObjectId, now: Date) {
  for (const fn of writtenListeners) await fn(user, entryId, now);
}
