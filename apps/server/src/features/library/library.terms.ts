import type { LibraryContent, LibraryStatus } from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import { currentTermsVersion, fold, type WordMatcher } from '../search/index.js';
import { escapeRegex } from '../../lib/escape-regex.js';
import { termsOf } from './library.content.js';
import { LibraryEntryModel } from './library-entry.model.js';
import { LibraryTermsModel } from './library-terms.model.js';

/** Bytes of terms per chunk: PostgreSQL's btree row limit (2,704) with room for overhead. */
const CHUNK_BYTES = 1500;

export function chunkTerms(terms: string[]): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let bytes = 0;
  for (const term of terms) {
    const size = Buffer.byteLength(term) + 8;
    if (chunk.length && bytes + size > CHUNK_BYTES) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(term);
    bytes += size;
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

/**
 * Indexes revision `revision` of an entry: its new chunks first, then every older chunk removed
 * (of older revisions, and this revision's previous chunks). A slower, older save never removes
 * a newer one's terms: it removes below the entry's current revision, and its own if outdated.
 */
export async function indexEntry(
  entryId: Types.ObjectId,
  revision: number,
  status: LibraryStatus,
  content: LibraryContent,
): Promise<void> {
  const version = currentTermsVersion();
  const chunks = chunkTerms(await termsOf(content));
  const inserted = await LibraryTermsModel.insertMany(
    chunks.map((terms) => ({ entryId, revision, status, terms, version })),
  );
  const entry = await LibraryEntryModel.findById(entryId, { revision: 1, status: 1 }).lean();
  if (!entry) return deleteTerms(entryId);
  const current = Math.max(revision, entry.revision);
  await LibraryTermsModel.deleteMany({ entryId, revision: { $lt: current } });
  if (current === revision)
    await LibraryTermsModel.deleteMany({
      entryId,
      revision,
      _id: { $nin: inserted.map((d) => d._id) },
    });
  // Published meanwhile (another tab of the author): the new chunks follow the entry.
  if (entry.status !== status) await setTermsStatus(entryId, entry.status as LibraryStatus);
}

export async function setTermsStatus(entryId: Types.ObjectId, status: LibraryStatus) {
  await LibraryTermsModel.updateMany({ entryId }, { $set: { status } });
}

export async function deleteTerms(entryId: Types.ObjectId) {
  await LibraryTermsModel.deleteMany({ entryId });
}

/**
 * The ids of the entries of `status` whose text matches every query word: per word, one
 * equality lookup per folded form (every term is stored folded too, as for messages), and a
 * prefix lookup for a partial word; the words' results are intersected.
 */
export async function entriesMatching(
  status: LibraryStatus,
  matchers: WordMatcher[],
): Promise<Set<string>> {
  let result: Set<string> | null = null;
  for (const m of matchers) {
    const filters: Record<string, unknown>[] = [...new Set(m.forms.map(fold))].map((key) => ({
      status,
      terms: key,
    }));
    if (m.prefix) filters.push({ status, terms: { $regex: `^${escapeRegex(m.prefix)}` } });
    const lists = await Promise.all(
      filters.map((f) => LibraryTermsModel.find(f, { entryId: 1 }).lean()),
    );
    const ids = new Set(lists.flat().map((d) => String(d.entryId)));
    const before: Set<string> | null = result;
    result = before ? new Set([...before].filter((id: string) => ids.has(id))) : ids;
    if (!result.size) break;
  }
  return result ?? new Set();
}
