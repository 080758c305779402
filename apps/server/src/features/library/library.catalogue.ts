import {
  LibraryCatalogueModel,
  PUBLISHED_CATALOGUE,
  type LibraryCatalogueDoc,
} from './library-catalogue.model.js';
import { LibraryEntryModel, type LibraryEntryDoc } from './library-entry.model.js';

/**
 * A published entry as browsing holds it: the whole entry document, which is small (the body is
 * on the revisions), so that a page is presented from memory too.
 */
export type Candidate = Readonly<LibraryEntryDoc>;

/** The published entries as of a stamp, and the stamp of their search terms' form. */
export interface Catalogue {
  candidates: readonly Candidate[];
  byId: ReadonlyMap<string, Candidate>;
  termsStamp: string | null;
}
type Loaded = Pick<Catalogue, 'candidates' | 'byId'>;

/**
 * The published entries, kept in this process under the catalogue stamp they were loaded after. Every browse reads the stamp (one `_id` equality, an index lookup on FerretDB
 * too) and reloads only when a write anywhere replaced it; the load is shared by the browses
 * that wait for it. Without this, each browse read every published entry: FerretDB filters
 * `status` in PostgreSQL but decodes and projects each document itself (docs/BENCHMARKS.md).
 */
let cached: { stamp: string | null; loaded: Promise<Loaded> } | null = null;

export async function publishedCatalogue(): Promise<Catalogue> {
  // The stamp first: a write that lands during the load leaves a newer stamp for the next browse.
  const doc = await LibraryCatalogueModel.findById(PUBLISHED_CATALOGUE, {
    stamp: 1,
    termsStamp: 1,
  }).lean<Pick<LibraryCatalogueDoc, 'stamp' | 'termsStamp'>>();
  const stamp = doc ? String(doc.stamp) : null;
  if (!cached || cached.stamp !== stamp) {
    const loaded = LibraryEntryModel.find({ status: 'published' })
      .lean<Candidate[]>()
      .exec()
      .then((candidates) => ({
        candidates,
        byId: new Map(candidates.map((d) => [String(d._id), d])),
      }));
    const entry = { stamp, loaded };
    cached = entry;
    // A failed load is not kept: the next browse tries again.
    loaded.catch(() => {
      if (cached === entry) cached = null;
    });
  }
  return { ...(await cached.loaded), termsStamp: doc?.termsStamp ? String(doc.termsStamp) : null };
}
