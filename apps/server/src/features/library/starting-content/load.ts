import type { Types } from 'mongoose';
import { isDuplicateKey } from '../../../errors.js';
import { storedContent } from '../library.content.js';
import { LibraryEntryModel } from '../library-entry.model.js';
import { LibraryRevisionModel } from '../library-revision.model.js';
import { deleteTerms, indexEntry } from '../library.terms.js';
import { readStartingContent, type StartingEntry } from './read.js';
import { SeedLoadModel } from './seed-load.model.js';

/**
 * A claim whose entry was never recorded after this long belongs to a process that died
 * between claiming and creating: the next start may claim the key again.
 */
export const STALE_CLAIM_MS = 10 * 60_000;

/**
 * Creates each starting entry once, published, with no author (the web shows it as the
 * League's). Each key is claimed by inserting its row under the unique seedKey index, so of
 * several processes starting at once exactly one creates it; a key loaded before (its entry
 * since edited or deleted) is never touched again. Returns the keys created by this call.
 */
export async function loadStartingContent(
  entries: StartingEntry[] = readStartingContent(),
  now = new Date(),
): Promise<string[]> {
  const created: string[] = [];
  for (const entry of entries) {
    if (!(await claim(entry.seedKey, now))) continue;
    await createSeedEntry(entry, now);
    created.push(entry.seedKey);
  }
  return created;
}

async function insertClaim(seedKey: string, now: Date): Promise<boolean> {
  try {
    await SeedLoadModel.create({ seedKey, claimedAt: now });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

async function claim(seedKey: string, now: Date): Promise<boolean> {
  if (await insertClaim(seedKey, now)) return true;
  const row = await SeedLoadModel.findOne({ seedKey }).lean();
  if (!row || row.entryId || row.claimedAt.getTime() > now.getTime() - STALE_CLAIM_MS) return false;
  // The claimer died. If it got as far as the entry, record that; otherwise claim again (the
  // insert decides between processes recovering at once).
  const entry = await LibraryEntryModel.findOne({ seedKey }, { _id: 1 }).lean();
  if (entry) {
    await SeedLoadModel.updateOne({ seedKey, entryId: null }, { $set: { entryId: entry._id } });
    return false;
  }
  await SeedLoadModel.deleteOne({ seedKey, entryId: null, claimedAt: row.claimedAt });
  return insertClaim(seedKey, now);
}

async function createSeedEntry({ seedKey, content }: StartingEntry, now: Date): Promise<void> {
  let entryId: Types.ObjectId | null = null;
  try {
    const entry = await LibraryEntryModel.create({
      ...storedContent(content),
      seedKey,
      status: 'published',
      revision: 1,
      authorId: null,
      editorId: null,
      createdAt: now,
      updatedAt: now,
      publishedAt: now,
    });
    entryId = entry._id;
    await LibraryRevisionModel.create({
      ...storedContent(content),
      entryId,
      number: 1,
      editorId: null,
      createdAt: now,
    });
    await indexEntry(entryId, 1, 'published', content);
    await SeedLoadModel.updateOne({ seedKey }, { $set: { entryId } });
  } catch (err) {
    // Leave nothing half-made: the next start tries this key again.
    if (entryId) {
      await deleteTerms(entryId);
      await LibraryRevisionModel.deleteMany({ entryId });
      await LibraryEntryModel.deleteOne({ _id: entryId });
    }
    await SeedLoadModel.deleteOne({ seedKey, entryId: null });
    throw err;
  }
}
