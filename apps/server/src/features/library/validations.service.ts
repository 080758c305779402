import type { LibraryEntry, LibraryValidation } from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import type { AuthUser } from '../../auth/auth.js';
import { UserModel } from '../../auth/user.model.js';
import { oid } from '../../db/object-id.js';
import { forbidden, isDuplicateKey } from '../../errors.js';
import { runCoalesced } from '../../lib/coalesce.js';
import type { Facts } from '../../realtime/facts.js';
import { requireAction } from '../access/index.js';
import { loadPeople } from '../conversations/index.js';
import { announce, entryFor } from './entries.service.js';
import { addEntryExtras, onEntryDeleted } from './library.hooks.js';
import { readableEntry } from './library.policy.js';
import { LibraryEntryModel, type LibraryEntryDoc } from './library-entry.model.js';
import { LibraryValidationModel, type LibraryValidationDoc } from './validations.model.js';

/*
 * "We tried this too" (issue 12, item 3): members, experts and staff (`library.participate`; not
 * guest experts) say they tried a published entry, with the municipality where. Once per
 * person: the unique (entryId, userId) index makes a repeat the same validation. The entry
 * keeps the count for sorting ("most validated"), recounted after every change: concurrent
 * `$inc`s lose updates on FerretDB 1.x (see conversations/member-count.ts).
 */

const MAX_LISTED = 500;

/** A published entry the person may validate. */
async function validatableEntry(user: AuthUser, id: string): Promise<LibraryEntryDoc> {
  await requireAction(user, 'library.participate');
  const doc = await readableEntry(user, id);
  if (doc.status !== 'published') throw forbidden('only published entries are validated');
  return doc;
}

export async function validate(
  facts: Facts,
  user: AuthUser,
  input: { id: string; municipalityCode?: string | null | undefined },
  now = new Date(),
): Promise<LibraryEntry> {
  const doc = await validatableEntry(user, input.id);
  const municipalityCode =
    input.municipalityCode !== undefined
      ? input.municipalityCode
      : ((await UserModel.findById(user.id, { municipalityCode: 1 }).lean())?.municipalityCode ??
        null);
  const key = { entryId: doc._id, userId: oid(user.id) };
  try {
    await LibraryValidationModel.create({ ...key, municipalityCode, createdAt: now });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // Said before: the same validation; a municipality named now replaces the old one.
    if (input.municipalityCode !== undefined)
      await LibraryValidationModel.updateOne(key, { $set: { municipalityCode } });
  }
  return recountAndAnnounce(facts, user, doc._id);
}

/** Takes one's own "we tried this too" back (nothing to take: no change). */
export async function unvalidate(facts: Facts, user: AuthUser, id: string): Promise<LibraryEntry> {
  const doc = await validatableEntry(user, id);
  await LibraryValidationModel.deleteOne({ entryId: doc._id, userId: oid(user.id) });
  return recountAndAnnounce(facts, user, doc._id);
}

async function recountAndAnnounce(
  facts: Facts,
  user: AuthUser,
  entryId: Types.ObjectId,
): Promise<LibraryEntry> {
  await recountValidations(entryId);
  const fresh = await readableEntry(user, String(entryId));
  await announce(facts, fresh);
  return entryFor(user, fresh);
}

/**
 * Counts the entry's validations and stores the number. Coalesced: every caller's change is in
 * a run that started after it, and a burst costs two counts, not one per person.
 */
export function recountValidations(entryId: Types.ObjectId): Promise<void> {
  return runCoalesced(`library-validations:${String(entryId)}`, async () => {
    const validationCount = await LibraryValidationModel.countDocuments({ entryId });
    await LibraryEntryModel.updateOne({ _id: entryId }, { $set: { validationCount } });
  });
}

/** Who tried it (newest first) and the municipalities with their counts (most first). */
export async function listValidations(
  user: AuthUser,
  id: string,
): Promise<{
  validations: LibraryValidation[];
  municipalities: { code: string; count: number }[];
}> {
  const doc = await readableEntry(user, id);
  const docs = await LibraryValidationModel.find({ entryId: doc._id })
    .lean<LibraryValidationDoc[]>()
    .then((all) => all.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()));
  const people = await loadPeople(docs.slice(0, MAX_LISTED).map((d) => d.userId));
  const counts = new Map<string, number>();
  for (const d of docs)
    if (d.municipalityCode)
      counts.set(d.municipalityCode, (counts.get(d.municipalityCode) ?? 0) + 1);
  return {
    validations: docs.slice(0, MAX_LISTED).map((d) => ({
      person: people.get(String(d.userId)) ?? null,
      municipalityCode: d.municipalityCode ?? null,
      createdAt: d.createdAt.toISOString(),
    })),
    municipalities: [...counts]
      .map(([code, count]) => ({ code, count }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
  };
}

// The reader's own "we tried this too" on the entry they open: one read on the unique index
// (none in a broadcast, which is the same for every watcher).
addEntryExtras(async (user, doc) =>
  user
    ? {
        validatedByMe: !!(await LibraryValidationModel.exists({
          entryId: doc._id,
          userId: oid(user.id),
        })),
      }
    : {},
);

onEntryDeleted(async (entryId) => {
  await LibraryValidationModel.deleteMany({ entryId });
});
