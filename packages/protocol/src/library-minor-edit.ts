import { diffWords } from 'diff';

/*
 * The minor-edit rule of the good-practices library (docs/decisions.md, "The minor-edit rule"):
 * a revision is minor when it fixes a typo, and a minor revision keeps an entry's expert review
 * stamp. Minor means all of:
 * - at most MINOR_EDIT_MAX_WORDS words changed in title, summary and body together (a word
 *   replaced by another counts once; a change of punctuation only counts as one word);
 * - no number changed, added or removed (a date, a sum, a percentage is what an expert checked);
 * - no link changed, added or removed (where a reader is sent);
 * - no heading changed, added or removed (the structure of the text);
 * - no metadata changed (language, themes, steps, cooperation model, quality areas, level,
 *   municipality, county, sources).
 * The server decides it when a revision is saved and stores it on the revision; the web shows
 * the same answer while someone writes, so both ask this one function.
 */

/** A typo fix touches a word or two; three leaves room for "it's" -> "it is" kinds of fixes. */
export const MINOR_EDIT_MAX_WORDS = 3;

/** The content the rule compares: the text fields and the metadata of a library revision. */
export interface MinorEditContent {
  title: string;
  summary: string;
  body: string;
  language: string;
  themes: readonly string[];
  steps: readonly number[];
  cooperationModel: string | null;
  qualityAreas: readonly string[];
  level: string;
  municipalityCode: string | null;
  countyCode: string | null;
  sources: readonly { title: string; url?: string | null | undefined }[];
}

/** Why a change is not minor (empty for a minor one). */
export type MinorEditBreach = 'words' | 'number' | 'link' | 'heading' | 'metadata';

export interface MinorEditVerdict {
  minor: boolean;
  /** Changed words in title, summary and body, at most one past the limit ("too many"). */
  changedWords: number;
  breaches: MinorEditBreach[];
}

const TEXT_FIELDS = ['title', 'summary', 'body'] as const;
const METADATA_FIELDS = [
  'language',
  'themes',
  'steps',
  'cooperationModel',
  'qualityAreas',
  'level',
  'municipalityCode',
  'countyCode',
  'sources',
] as const satisfies readonly (keyof MinorEditContent)[];

/**
 * Changes beyond this many tokens are not minor whatever they are: the word diff gives up
 * there instead of aligning two long, different bodies (its cost grows with the edit's size).
 */
const MAX_EDIT_TOKENS = 4 * MINOR_EDIT_MAX_WORDS + 8;

/** Is the change from `before` to `after` a minor edit? */
export function minorEditVerdict(
  before: MinorEditContent,
  after: MinorEditContent,
): MinorEditVerdict {
  const breaches: MinorEditBreach[] = [];
  if (changedMetadata(before, after).length > 0) breaches.push('metadata');
  const joined = (c: MinorEditContent) => TEXT_FIELDS.map((f) => c[f]).join('\n\n');
  const [was, is] = [joined(before), joined(after)];
  if (!sameList(numbersIn(was), numbersIn(is))) breaches.push('number');
  if (!sameList(linksIn(was), linksIn(is))) breaches.push('link');
  const headings = (c: MinorEditContent) => headingsIn(c.body);
  if (!sameList(headings(before), headings(after))) breaches.push('heading');
  let changedWords = 0;
  for (const field of TEXT_FIELDS) {
    changedWords += countChangedWords(before[field], after[field]);
    if (changedWords > MINOR_EDIT_MAX_WORDS) break;
  }
  if (changedWords > MINOR_EDIT_MAX_WORDS) breaches.push('words');
  changedWords = Math.min(changedWords, MINOR_EDIT_MAX_WORDS + 1);
  return { minor: breaches.length === 0, changedWords, breaches };
}

/** The rule's yes or no. */
export const isMinorEdit = (before: MinorEditContent, after: MinorEditContent): boolean =>
  minorEditVerdict(before, after).minor;

/** The metadata fields whose value differs (lists compared as sets, sources in order). */
export function changedMetadata(
  before: MinorEditContent,
  after: MinorEditContent,
): (typeof METADATA_FIELDS)[number][] {
  return METADATA_FIELDS.filter((field) => {
    if (field === 'sources') {
      const key = (s: MinorEditContent['sources'][number]) => `${s.title}\u0000${s.url ?? ''}`;
      return !sameList(before.sources.map(key), after.sources.map(key));
    }
    const [a, b] = [before[field], after[field]];
    if (Array.isArray(a) && Array.isArray(b)) return !sameSet(a, b);
    return a !== b;
  });
}

/** A word or a number: a token that holds a letter or a digit. */
const WORDLIKE = /[\p{L}\p{N}]/u;
const countWords = (text: string) =>
  text.split(/(\s+|[^\p{L}\p{N}'’-]+)/u).filter((t) => WORDLIKE.test(t)).length;

/**
 * Changed words between two texts by the npm `diff` package's word diff. A run of removals and
 * additions between two kept parts is one change; it counts as many words as its longer side
 * (so "teh" -> "the" is one word), and a change of punctuation or symbols only as one.
 */
function countChangedWords(before: string, after: string): number {
  if (before === after) return 0;
  const parts = diffWords(before, after, { maxEditLength: MAX_EDIT_TOKENS });
  if (!parts) return Number.POSITIVE_INFINITY;
  let total = 0;
  let removed = 0;
  let added = 0;
  let touched = false;
  const closeRun = () => {
    if (touched) total += Math.max(removed, added, 1);
    removed = added = 0;
    touched = false;
  };
  for (const part of parts) {
    if (!part.added && !part.removed) {
      closeRun();
      continue;
    }
    const words = countWords(part.value);
    // Whitespace alone is not a change a reader sees (the diff keeps it when it can).
    if (words === 0 && part.value.trim() === '') continue;
    touched = true;
    if (part.added) added += words;
    else removed += words;
  }
  closeRun();
  return total;
}

/** Numbers in order: "12", "1 200" and "1,5" as written, a digit group kept whole. */
const numbersIn = (text: string): string[] =>
  (text.match(/\p{N}+(?:[.,:\u00a0 ]\p{N}+)*/gu) ?? []).map((n) => n.replace(/\s/gu, ''));

/** Link targets in order: Markdown inline and reference links, autolinks, bare addresses. */
function linksIn(text: string): string[] {
  const links: string[] = [];
  const pattern =
    /\]\(\s*<?([^)\s>]+)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|<((?:https?|mailto):[^>\s]+)>|((?:https?:\/\/|www\.)[^\s<>()\]]+)/gimu;
  for (const m of text.matchAll(pattern)) {
    const link = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (link) links.push(link.replace(/[.,;:!?]+$/u, ''));
  }
  return links;
}

/** Markdown headings in order: ATX (`## Title`) and setext (a line underlined with = or -). */
function headingsIn(markdown: string): string[] {
  const lines = markdown.split(/\r?\n/u);
  const headings: string[] = [];
  let inFence = false;
  lines.forEach((line, i) => {
    if (/^\s{0,3}(```|~~~)/u.test(line)) inFence = !inFence;
    if (inFence) return;
    const atx = /^\s{0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/u.exec(line);
    if (atx) return void headings.push(`${atx[1]} ${atx[2] ?? ''}`.trim());
    const next = lines[i + 1];
    if (line.trim() !== '' && next !== undefined && /^\s{0,3}(=+|-+)\s*$/u.test(next)) {
      headings.push(`${next.trim().startsWith('=') ? '#' : '##'} ${line.trim()}`);
    }
  });
  return headings;
}

const sameList = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

const sameSet = (a: readonly unknown[], b: readonly unknown[]) => {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((x) => set.has(x));
};
