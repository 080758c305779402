import {
  LIBRARY_FACETS,
  LIBRARY_PAGE_SIZE,
  can,
  findMunicipality,
  type LibraryFacet,
  type LibraryFacetCounts,
  type LibraryFilters,
  type LibraryListResult,
  type LibrarySort,
} from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import type { Types } from 'mongoose';
import { oid } from '../../db/object-id.js';
import { forbidden } from '../../errors.js';
import {
  buildSnippet,
  getAnalyzer,
  matchesWord,
  rankText,
  tokenize,
  wordMatchers,
  type WordMatcher,
} from '../search/index.js';
import { entriesMatching } from './library.terms.js';
import { presentSummaries, type Snippets } from './library.presenter.js';
import { publishedCatalogue, type Candidate } from './library.catalogue.js';
import { publishedMatching } from './library.search-index.js';
import { LibraryEntryModel, type LibraryEntryDoc } from './library-entry.model.js';
import { LibraryRevisionModel } from './library-revision.model.js';

/** Revisions never change: their bodies are kept for the snippets of later searches. */
const bodies = new Map<string, string>();
const BODIES_KEPT = 500;

/** The current bodies of a page of hits (on their revisions), for the snippets. */
const bodiesOf = (docs: LibraryEntryDoc[]) =>
  Promise.all(
    docs.map(async (d) => {
      const key = `${String(d._id)}:${d.revision}`;
      let body = bodies.get(key);
      if (body === undefined) {
        const revision = await LibraryRevisionModel.findOne(
          { entryId: d._id, number: d.revision },
          { body: 1 },
        ).lean();
        body = revision?.body ?? '';
        bodies.set(key, body);
        if (bodies.size > BODIES_KEPT) bodies.delete(bodies.keys().next().value!);
      }
      return [d, body] as const;
    }),
  );

/** More words narrow nothing further; each costs a condition. */
const MAX_QUERY_WORDS = 10;

/** The region facet: the entry's county, or its municipality's. */
const countyOf = (d: Candidate): string | null =>
  d.countyCode ??
  (d.municipalityCode ? (findMunicipality(d.municipalityCode)?.county ?? null) : null);

/** An entry's values for one facet. */
function valuesOf(d: Candidate, facet: LibraryFacet): (string | number)[] {
  switch (facet) {
    case 'themes':
      return d.themes;
    case 'steps':
      return d.steps;
    case 'cooperationModels':
      return d.cooperationModel ? [d.cooperationModel] : [];
    case 'qualityAreas':
      return d.qualityAreas;
    case 'counties': {
      const county = countyOf(d);
      return county ? [county] : [];
    }
    case 'languages':
      return [d.language];
  }
}

function matchesFilters(d: Candidate, filters: LibraryFilters, except?: LibraryFacet): boolean {
  return LIBRARY_FACETS.every((facet) => {
    const chosen = filters[facet] as (string | number)[] | undefined;
    if (facet === except || !chosen?.length) return true;
    return valuesOf(d, facet).some((v) => chosen.includes(v));
  });
}

/**
 * Counts per facet value among the candidates that match every other facet's filter: choosing
 * a theme still shows the other themes' counts. The candidates are only what the reader may see.
 */
function facetCounts(
  candidates: readonly Candidate[],
  filters: LibraryFilters,
): LibraryFacetCounts {
  const counts = Object.fromEntries(
    LIBRARY_FACETS.map((facet) => {
      const tally = new Map<string | number, number>();
      for (const d of candidates) {
        if (!matchesFilters(d, filters, facet)) continue;
        for (const v of valuesOf(d, facet)) tally.set(v, (tally.get(v) ?? 0) + 1);
      }
      const list = [...tally].map(([value, count]) => ({ value, count }));
      list.sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));
      return [facet, list];
    }),
  );
  return counts as LibraryFacetCounts;
}

type Ranks = Map<Candidate, number>;

const newestFirst = (a: Candidate, b: Candidate) =>
  b.updatedAt.getTime() - a.updatedAt.getTime() || String(b._id).localeCompare(String(a._id));

/** Never reviewed counts as due now: it comes first. */
const dueTime = (d: Candidate) => d.review?.dueAt?.getTime() ?? Number.NEGATIVE_INFINITY;

const SORTS: Record<LibrarySort | 'rank', (a: Candidate, b: Candidate, ranks: Ranks) => number> = {
  rank: (a, b, ranks) => (ranks.get(a) ?? 0) - (ranks.get(b) ?? 0) || newestFirst(a, b),
  updated: newestFirst,
  'most-validated': (a, b) =>
    (b.validationCount ?? 0) - (a.validationCount ?? 0) || newestFirst(a, b),
  'review-due': (a, b) => dueTime(a) - dueTime(b) || newestFirst(a, b),
};

/**
 * The candidates a reader may see that match the query words: the published entries from this
 * process's catalogue and search index (read again only after a write: library.catalogue.ts,
 * library.search-index.ts), or the reader's own drafts (an equality on author and status
 * narrows them), whole, since they are few, found through the terms collection.
 */
async function candidatesFor(
  user: AuthUser,
  drafts: boolean,
  matchers: WordMatcher[],
): Promise<{ candidates: readonly Candidate[]; byId: ReadonlyMap<string, Candidate> }> {
  if (!drafts) {
    const catalogue = await publishedCatalogue();
    if (!matchers.length) return catalogue;
    const matching = await publishedMatching(catalogue, matchers);
    const candidates = catalogue.candidates.filter((d) => matching.has(String(d._id)));
    return { candidates, byId: catalogue.byId };
  }
  const [docs, matching] = await Promise.all([
    LibraryEntryModel.find({ status: 'draft', authorId: oid(user.id) }).lean<LibraryEntryDoc[]>(),
    matchers.length ? entriesMatching('draft', matchers) : null,
  ]);
  const candidates = matching ? docs.filter((d) => matching.has(String(d._id))) : docs;
  return { candidates, byId: new Map(docs.map((d) => [String(d._id), d])) };
}

/** A page's entries: from the reader's drafts, or from the catalogue's published entries. */
function pageOf(ids: Types.ObjectId[], entries: ReadonlyMap<string, Candidate>): LibraryEntryDoc[] {
  return ids.map((id) => entries.get(String(id))).filter((d) => d !== undefined);
}

/**
 * Browse and search the library: the published entries (or the reader's own drafts), matching
 * the query words like message search does and the facet filters, with counts per facet value.
 * The terms lookups are narrowed by equalities (status and a term of each query word).
 */
export async function listEntries(
  user: AuthUser,
  input: {
    q?: string | undefined;
    filters?: LibraryFilters | undefined;
    sort?: LibrarySort | undefined;
    scope?: 'published' | 'my-drafts' | undefined;
    offset?: number | undefined;
    limit?: number | undefined;
  },
): Promise<LibraryListResult> {
  const who = { role: user.role, expert: user.expert };
  const drafts = input.scope === 'my-drafts';
  if (!can(drafts ? 'library.write' : 'library.read', who)) throw forbidden();

  const analyzer = getAnalyzer();
  const matchers = wordMatchers(analyzer, tokenize(input.q ?? '').slice(0, MAX_QUERY_WORDS));
  const readable = await candidatesFor(user, drafts, matchers);
  const { candidates } = readable;

  const filters = input.filters ?? {};
  const results = candidates.filter((d) => matchesFilters(d, filters));
  const sort = input.sort ?? (matchers.length ? 'rank' : 'updated');
  const ranks: Ranks = new Map();
  if (sort === 'rank')
    for (const d of results) ranks.set(d, rankText(analyzer, matchers, `${d.title}\n${d.summary}`));
  results.sort((a, b) => SORTS[sort](a, b, ranks));

  const offset = input.offset ?? 0;
  const limit = input.limit ?? LIBRARY_PAGE_SIZE;
  const page = pageOf(
    results.slice(offset, offset + limit).map((d) => d._id),
    readable.byId,
  );

  const snippets: Snippets = new Map();
  if (matchers.length)
    for (const [d, body] of await bodiesOf(page)) {
      const hit = buildSnippet(body, (word) => matchesWord(analyzer, matchers, word));
      if (hit.highlights.length) snippets.set(String(d._id), hit);
    }
  return {
    entries: await presentSummaries(page, snippets),
    total: results.length,
    facets: facetCounts(candidates, filters),
    nextOffset: offset + limit < results.length ? offset + limit : null,
  };
}
