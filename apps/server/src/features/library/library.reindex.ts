import type { LibraryStatus } from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import { acquireLock } from '../../lib/lease.js';
import type { Logger } from '../../log.js';
import { currentTermsVersion, dictionariesMissingFor } from '../search/index.js';
import { contentOf } from './library.content.js';
import { deleteTerms, indexEntry } from './library.terms.js';
import { touchCatalogue } from './library-catalogue.model.js';
import { LibraryEntryModel, type LibraryEntryDoc } from './library-entry.model.js';
import { LibraryTermsModel } from './library-terms.model.js';
import { LibraryRevisionModel, type LibraryRevisionDoc } from './library-revision.model.js';

const LOCK = 'library:reindex';
const LOCK_MS = 10 * 60_000;

/**
 * Re-indexes, at start and in the background, the entries whose terms another analyzer built
 * (Voikko installed later, new rules), as message search does. Terms built with dictionaries
 * this process lacks are left alone rather than downgraded.
 */
export async function reindexLibraryIfNeeded(
  log: Logger,
  shouldStop: () => boolean = () => false,
): Promise<number> {
  const current = currentTermsVersion();
  const stale = await LibraryTermsModel.find(
    { version: { $ne: current } },
    { entryId: 1, version: 1 },
  ).lean();
  const ids = new Map<string, Types.ObjectId>();
  for (const chunk of stale) {
    if (dictionariesMissingFor(chunk.version).length) continue;
    ids.set(String(chunk.entryId), chunk.entryId);
  }
  if (!ids.size) return 0;
  const lock = await acquireLock(LOCK, LOCK_MS);
  if (!lock) return 0;
  let done = 0;
  try {
    log.info({ entries: ids.size, to: current }, 'library: re-indexing search terms');
    for (const entryId of ids.values()) {
      if (shouldStop()) break;
      const entry = await LibraryEntryModel.findById(entryId).lean<LibraryEntryDoc>();
      // The content as of the entry's current revision (the body lives there).
      const revision = entry
        ? await LibraryRevisionModel.findOne({
            entryId,
            number: entry.revision,
          }).lean<LibraryRevisionDoc>()
        : null;
      if (!entry || !revision) await deleteTerms(entryId);
      else
        await indexEntry(
          entry._id,
          entry.revision,
          entry.status as LibraryStatus,
          contentOf(revision),
        );
      done += 1;
    }
  } finally {
    // The same revisions with other terms: every process's search index reloads them.
    if (done) await touchCatalogue({ terms: true });
    await lock.release();
  }
  return done;
}
