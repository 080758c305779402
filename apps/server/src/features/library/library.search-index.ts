import { fold, type WordMatcher } from '../search/index.js';
import type { Catalogue } from './library.catalogue.js';
import { LibraryTermsModel } from './library-terms.model.js';

/*
 * The published entries' search terms, held in this process beside the catalogue. Looking a
 * word up in `library_entry_terms` returned every matching chunk whole (FerretDB decodes each
 * in its own process: a common word matched most of the 5,500 chunks of 1,000 entries, and a
 * prefix needs a regex, which FerretDB runs over all of them; seconds each, docs/BENCHMARKS.md).
 * Here each entry's terms are read once per revision, by `entryId` equality, and matched in
 * memory: a few megabytes for a thousand entries.
 */

interface Indexed {
  /** The revision the chunks were built from; behind the entry's until its new chunks land. */
  revision: number;
  terms: Set<string>;
}

const indexed = new Map<string, Indexed>();
let termsStampSeen: string | null = null;
/** One refresh at a time: a second search waits and then finds nothing left to read. */
let refreshing: Promise<void> = Promise.resolve();

/** Past this many entries to read, one read of every published chunk beats one read each. */
const READ_ALL_OVER = 32;

type Chunk = { entryId: unknown; revision: number; terms: string[] };

/** Each entry's newest chunks (older ones are removed just after a new revision's land). */
function keep(chunks: Chunk[]): void {
  const newest = new Map<string, Indexed>();
  for (const c of chunks) {
    const id = String(c.entryId);
    const seen = newest.get(id);
    if (seen && seen.revision > c.revision) continue;
    if (!seen || seen.revision < c.revision)
      newest.set(id, { revision: c.revision, terms: new Set() });
    for (const t of c.terms) newest.get(id)!.terms.add(t);
  }
  for (const [id, entry] of newest) indexed.set(id, entry);
}

async function refresh(catalogue: Catalogue): Promise<void> {
  if (catalogue.termsStamp !== termsStampSeen) {
    indexed.clear();
    termsStampSeen = catalogue.termsStamp;
  }
  const wanted = new Map(catalogue.candidates.map((d) => [String(d._id), d.revision]));
  for (const id of indexed.keys()) if (!wanted.has(id)) indexed.delete(id);
  const missing = [...wanted].filter(
    ([id, revision]) => (indexed.get(id)?.revision ?? 0) < revision,
  );
  if (!missing.length) return;
  const fields = { entryId: 1, revision: 1, terms: 1 };
  if (missing.length > READ_ALL_OVER) {
    const chunks = await LibraryTermsModel.find({ status: 'published' }, fields).lean<Chunk[]>();
    keep(chunks.filter((c) => wanted.has(String(c.entryId))));
  } else {
    const lists = await Promise.all(
      missing.map(([id]) => LibraryTermsModel.find({ entryId: id }, fields).lean<Chunk[]>()),
    );
    keep(lists.flat());
  }
}

function matchesWord(terms: Set<string>, m: WordMatcher): boolean {
  // Every term is stored folded too (search's analyzer), so a folded form finds both.
  if (m.forms.some((f) => terms.has(fold(f)))) return true;
  if (m.prefix === null) return false;
  for (const t of terms) if (t.startsWith(m.prefix)) return true;
  return false;
}

/** The ids of the catalogue's entries whose text matches every query word. */
export async function publishedMatching(
  catalogue: Catalogue,
  matchers: WordMatcher[],
): Promise<Set<string>> {
  const turn = refreshing.then(() => refresh(catalogue));
  refreshing = turn.catch(() => undefined);
  await turn;
  const ids = new Set<string>();
  for (const d of catalogue.candidates) {
    const terms = indexed.get(String(d._id))?.terms;
    if (terms && matchers.every((m) => matchesWord(terms, m))) ids.add(String(d._id));
  }
  return ids;
}
