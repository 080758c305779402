import {
  LIBRARY_METADATA_FIELDS,
  type DiffPart,
  type LibraryContent,
  type LibraryDiff,
} from '@yhteistyotila/protocol';
import { diffWords } from 'diff';

/** A diff of two very different long bodies is quadratic: past this it is "all replaced". */
const DIFF_TIMEOUT_MS = 500;

/** Word-level difference of two texts (jsdiff's diffWords: whitespace attached to words). */
export function wordDiff(from: string, to: string): DiffPart[] {
  if (from === to) return from ? [{ kind: 'same', text: from }] : [];
  const changes = diffWords(from, to, { timeout: DIFF_TIMEOUT_MS });
  if (!changes)
    return [
      ...(from ? [{ kind: 'removed' as const, text: from }] : []),
      ...(to ? [{ kind: 'added' as const, text: to }] : []),
    ];
  return changes.map((c) => ({
    kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
    text: c.value,
  }));
}

/** How `to` differs from `from`: the texts word by word, the metadata by field. */
export function contentDiff(from: LibraryContent, to: LibraryContent): LibraryDiff {
  return {
    title: wordDiff(from.title, to.title),
    summary: wordDiff(from.summary, to.summary),
    body: wordDiff(from.body, to.body),
    metadataChanged: LIBRARY_METADATA_FIELDS.filter(
      (f) => JSON.stringify(from[f] ?? null) !== JSON.stringify(to[f] ?? null),
    ),
  };
}
