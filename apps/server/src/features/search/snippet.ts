import { SEARCH_SNIPPET_LENGTH } from '@yhteistyotila/protocol';

export interface Snippet {
  snippet: string;
  highlights: { start: number; end: number }[];
}

const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
/** Context shown before the first match. */
const LEAD = 60;
const ELLIPSIS = '…';

/** Message Markdown as plain text: mentions, links, emphasis, code and quote marks removed. */
export function plainText(markdown: string): string {
  return markdown
    .normalize('NFC')
    .replace(/@\*\*([^*\n]+)\*\*/g, '@$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|~~|`+)/g, '')
    .replace(/(^|\s)[*_](?=\S)|(?<=\S)[*_](?=\s|$|[.,!?;:])/g, '$1')
    .replace(/^\s{0,3}(?:>+|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A window of the text around the first matching word, cut at word boundaries, with the
 * ranges of every matching word inside it.
 */
export function buildSnippet(markdown: string, isMatch: (word: string) => boolean): Snippet {
  const text = plainText(markdown);
  const matches = [...text.matchAll(WORD)]
    .filter((m) => isMatch(m[0]))
    .map((m) => ({ start: m.index, end: m.index + m[0].length }));

  let from = 0;
  if (text.length > SEARCH_SNIPPET_LENGTH && matches[0] && matches[0].start > LEAD) {
    from = Math.min(matches[0].start - LEAD, text.length - SEARCH_SNIPPET_LENGTH);
    const space = text.indexOf(' ', from);
    if (space !== -1 && space < matches[0].start) from = space + 1;
  }
  let to = Math.min(text.length, from + SEARCH_SNIPPET_LENGTH);
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > from) to = space;
  }

  const prefix = from > 0 ? ELLIPSIS : '';
  const snippet = prefix + text.slice(from, to) + (to < text.length ? ELLIPSIS : '');
  const shift = prefix.length - from;
  const highlights = matches
    .filter((m) => m.start >= from && m.end <= to)
    .map((m) => ({ start: m.start + shift, end: m.end + shift }));
  return { snippet, highlights };
}
