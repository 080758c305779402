import { z } from 'zod';
import { idSchema, isoDateSchema } from './common.js';
import { conversationKindSchema, personRefSchema } from './conversations.js';
import { defineClientEvent } from './define.js';

/*
 * Message search. The query is free words plus filters: `in:<channel name>` (or `in:#name`,
 * `in:"two words"`), `from:<person name>` (or `from:@Name`, `from:"First Last"`), and the days
 * `after:2026-11-01` and `before:30.11.2026` (both days included, Finnish time). Words match
 * inflected forms (Finnish via Voikko, Swedish and English via Hunspell and Snowball), words
 * typed without diacritics, a typo one edit away from a dictionary word, and, from 3
 * characters, the start of a word. Only messages the reader may see; the closest matches first,
 * newest first among equals; page on with `before: nextCursor`.
 */

export const MAX_SEARCH_QUERY_LENGTH = 200;
export const SEARCH_PAGE_SIZE = 20;
export const MAX_SEARCH_PAGE_SIZE = 50;
/** Query words at least this long also match as the start of a longer word. */
export const SEARCH_PREFIX_MIN_LENGTH = 3;
/** Characters of message text around the first match. */
export const SEARCH_SNIPPET_LENGTH = 200;

/** A range of the snippet that matched a query word (for <mark>). */
export const searchHighlightSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

export const searchHitSchema = z.object({
  messageId: idSchema,
  conversationId: idSchema,
  conversationKind: conversationKindSchema,
  /** The channel's name; for a DM the other participants' names. */
  conversationName: z.string(),
  /** null when the author's account was erased. */
  author: personRefSchema.nullable(),
  /** Plain text around the first match ("…" marks cut ends). */
  snippet: z.string(),
  highlights: z.array(searchHighlightSchema),
  /** Set on thread replies: open the thread of this root. */
  threadRootId: idSchema.nullable(),
  seq: z.number().int().positive(),
  createdAt: isoDateSchema,
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchQuerySchema = z
  .object({
    q: z.string().trim().min(1).max(MAX_SEARCH_QUERY_LENGTH),
    limit: z.number().int().min(1).max(MAX_SEARCH_PAGE_SIZE).optional(),
    /** `nextCursor` of the previous page. */
    before: z.string().min(1).max(100).optional(),
  })
  .strict();
export type SearchQuery = z.input<typeof searchQuerySchema>;

export const searchResultSchema = z.object({
  /** Closest matches first (words as typed, then inflections, compound parts, forgiven
   * spellings), newest first among equals. */
  hits: z.array(searchHitSchema),
  /** null on the last page. */
  nextCursor: z.string().nullable(),
  /**
   * The query with its misspelt words corrected from the dictionaries (never from other
   * people's messages), to offer as "did you mean"; null when every word was known.
   */
  didYouMean: z
    .string()
    .max(MAX_SEARCH_QUERY_LENGTH * 2)
    .nullable(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const searchClientEvents = {
  /** Search the messages the reader may see. A query with no words and no filter gives no hits. */
  'search:query': defineClientEvent(searchQuerySchema, searchResultSchema),
};

export const searchServerEvents = {};
