import {
  LibraryCatalogueModel,
  PUBLISHED_CATALOGUE,
  type LibraryCatalogueDoc,
} from './library-catalogue.model.js';
import { LibraryEntryModel, type LibraryEntryDoc } from './library-entry.model.js';

/** What browsing needs of every published entry: the facets and the sort keys, no text. */
export const CANDIDATE_FIELDS = {
  themes: 1,
  steps: 1,
  cooperationModel: 1,
  qualityAreas: 1,
  municipalityCode: 1,
  countyCode: 1,
  language: 1,
  updatedAt: 1,
  revision: 1,
  validationCount: 1,
  'review.dueAt': 1,
  title: 1,
  summary: 1,
} as const;
export type Candidate = Readonly<
  Pick<
    LibraryEntryDoc,
    | '_id'
    | 'themes'
    | 'steps'
    | 'cooperationModel'
    | 'qualityAreas'
    | 'municipalityCode'
    | 'countyCode'
    | 'language'
    | 'updatedAt'
    | 'revision'
    | 'validationCount'
    | 'title'
    | 'summary'
  > & { review?: { dueAt?: Date } | null }
>;

/** The published entries as of a stamp, and the stamp of their search terms' form. */
export interface Catalogue {
  candidates: readonly Candidate[];
  termsStamp: string | null;
}

/**
 * The published entries' candidates, kept in this process under the catalogue stamp they were
 * loaded after. Every browse reads the stamp (one `_id` equality, an index lookup on FerretDB
 * too) and reloads only when a write anywhere replaced it; the load is shared by the browses
 * that wait for it. Without this, each browse read every published entry: FerretDB filters
 * `status` in PostgreSQL but decodes and projects each document itself (docs/BENCHMARKS.md).
 */
let cached: { stamp: string | null; candidates: Promise<Candidate[]> } | null = null;

export async function publishedCatalogue(): Promise<Catalogue> {
  // The stamp first: a write that lands during the load leaves a newer stamp for the next browse.
  const doc = await LibraryCatalogueModel.findById(PUBLISHED_CATALOGUE, {
    stamp: 1,
    termsStamp: 1,
  }).lean<Pick<LibraryCatalogueDoc, 'stamp' | 'termsStamp'>>();
  const stamp = doc ? String(doc.stamp) : null;
  if (!cached || cached.stamp !== stamp) {
    const candidates = LibraryEntryModel.find({ status: 'published' }, CANDIDATE_FIELDS)
      .lean<Candidate[]>()
      .exec();
    const entry = { stamp, candidates };
    cached = entry;
    // A failed load is not kept: the next browse tries again.
    candidates.catch(() => {
      if (cached === entry) cached = null;
    });
  }
  return {
    candidates: await cached.candidates,
    termsStamp: doc?.termsStamp ? String(doc.termsStamp) : null,
  };
}
