import {
  SEARCH_PAGE_SIZE,
  channelTextFor,
  defaultChannelNames,
  type SearchHit,
  type SearchResult,
} from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import { oid } from '../../db/object-id.js';
import type { AuthUser } from '../../auth/auth.js';
import { UserModel } from '../../auth/user.model.js';
import {
  ConversationModel,
  loadPeople,
  MessageModel,
  visibleConversationIds,
  type ConversationDoc,
  type MessageDoc,
} from '../conversations/index.js';
import { lower, type Analyzer } from './analyzer.js';
import { getAnalyzer } from './analyzer-instance.js';
import { compareRanked, decodeCursor, encodeCursor, olderThan, type Cursor } from './cursor.js';
import {
  matchesWord,
  pickLookupWord,
  rankText,
  termsFilter,
  wordMatchers,
  type WordMatcher,
} from './match.js';
import { escapeRegex } from '../../lib/escape-regex.js';
import { parseSearchQuery } from './query-parser.js';
import { blockedIdsOf } from '../blocks/index.js';
import { fold } from './spelling.js';
import { buildSnippet } from './snippet.js';

/** `from:` names that match more people than this are too vague to narrow anything. */
const MAX_AUTHORS = 200;
/**
 * Hits are ranked within windows of this many newest matches: a page never waits for every
 * match of a common word to be read, and the order stays stable while a person pages on.
 */
export const RANK_WINDOW = 200;

type FoundMessage = Pick<
  MessageDoc,
  '_id' | 'conversationId' | 'authorId' | 'text' | 'threadRootId' | 'seq' | 'createdAt'
>;
type Ranked = { doc: FoundMessage; rank: number; createdAt: Date; id: Types.ObjectId };

export interface SearchInput {
  q: string;
  limit?: number | undefined;
  before?: string | undefined;
}

/**
 * Messages the reader may see that match the query: the closest matches first (the words as
 * typed, then other inflections, compound parts, forgiven spellings), newest first among equals.
 */
export async function searchMessages(user: AuthUser, input: SearchInput): Promise<SearchResult> {
  const cursor = input.before ? decodeCursor(input.before) : null;
  const limit = input.limit ?? SEARCH_PAGE_SIZE;
  const query = parseSearchQuery(input.q);
  const analyzer = getAnalyzer();
  const matchers = wordMatchers(analyzer, query.words);
  // Corrections come from the dictionaries alone, never from the index: its terms are words of
  // other people's conversations, private ones included.
  const nothing: SearchResult = {
    hits: [],
    nextCursor: null,
    didYouMean: correctedQuery(input.q, query.words, matchers),
  };
  const filtered =
    query.channels.length || query.people.length || query.after !== null || query.before !== null;
  if (!query.words.length && !filtered) return nothing;

  let conversationIds = (await visibleConversationIds(user)).map(oid);
  if (query.channels.length) conversationIds = await channelsNamed(query.channels, conversationIds);
  if (!conversationIds.length) return nothing;
  // Messages of people the searcher blocked are not found at all (docs/decisions.md).
  const blocked = new Set((await blockedIdsOf(user.id)).map(String));
  const authorIds = query.people.length
    ? (await peopleNamed(query.people)).filter((id) => !blocked.has(String(id)))
    : null;
  if (authorIds && !authorIds.length) return nothing;

  const lookup = pickLookupWord(matchers);
  const others = matchers.filter((m) => m !== lookup);
  const createdAt = {
    ...(query.after ? { $gte: query.after } : {}),
    ...(query.before ? { $lt: query.before } : {}),
  };
  const base = {
    // Plain equality where it is one value: FerretDB pushes only equalities down.
    conversationId: conversationIds.length === 1 ? conversationIds[0] : { $in: conversationIds },
    deletedAt: null,
    ...(authorIds
      ? { authorId: authorIds.length === 1 ? authorIds[0] : { $in: authorIds } }
      : blocked.size
        ? { authorId: { $nin: [...blocked].map(oid) } }
        : {}),
    ...(Object.keys(createdAt).length ? { createdAt } : {}),
  };
  const conditions = termsFilter(others);
  // Without words every hit ranks the same: the newest-first order needs no wider window.
  const windowSize = matchers.length ? Math.max(RANK_WINDOW, limit) : limit;

  const fetchWindow = (window: Cursor['window']) => {
    const and = [...conditions, ...(window ? [olderThan(window, window.inclusive)] : [])];
    const filter = { ...base, ...(and.length ? { $and: and } : {}) };
    return newestMatches(filter, lookup, windowSize + 1);
  };

  const pageDocs: FoundMessage[] = [];
  let window = cursor?.window ?? null;
  let after = cursor?.after ?? null;
  let nextCursor: Cursor | null = null;
  for (;;) {
    const found = await fetchWindow(window);
    const inWindow = found.slice(0, windowSize);
    const more = found.length > windowSize;
    const ranked = rank(analyzer, matchers, inWindow);
    const rest = after ? ranked.filter((r) => compareRanked(r, after!) > 0) : ranked;
    const taken = rest.slice(0, limit - pageDocs.length);
    pageDocs.push(...taken.map((r) => r.doc));
    const last = taken[taken.length - 1];
    if (rest.length > taken.length && last) {
      const newest = inWindow[0]!;
      nextCursor = {
        window: window ?? { createdAt: newest.createdAt, id: newest._id, inclusive: true },
        after: { rank: last.rank, createdAt: last.createdAt, id: last.id },
      };
      break;
    }
    const oldest = inWindow[inWindow.length - 1];
    if (!more || !oldest) break;
    // The window is used up and older matches exist: they form the next window.
    window = { createdAt: oldest.createdAt, id: oldest._id, inclusive: false };
    after = null;
    if (pageDocs.length >= limit) {
      nextCursor = { window, after: null };
      break;
    }
  }

  const hits = await presentHits(user, pageDocs, (word) => matchesWord(analyzer, matchers, word));
  return {
    hits,
    nextCursor: nextCursor ? encodeCursor(nextCursor) : null,
    didYouMean: nothing.didYouMean,
  };
}

/**
 * The newest `count` messages matching `filter` and the lookup word: one equality query per
 * form of the word; the newest `count` of their union are the newest of the whole result, as
 * each query returns its own newest.
 */
async function newestMatches(
  filter: Record<string, unknown>,
  lookup: WordMatcher | null,
  count: number,
): Promise<FoundMessage[]> {
  const find = (f: Record<string, unknown>) =>
    MessageModel.find(f, {
      conversationId: 1,
      authorId: 1,
      text: 1,
      threadRootId: 1,
      seq: 1,
      createdAt: 1,
    })
      .sort({ createdAt: -1, _id: -1 })
      .limit(count)
      .lean() as Promise<FoundMessage[]>;
  if (!lookup) return find(filter);
  // Every term is stored also without diacritics, so the folded forms find every match with
  // fewer queries; the other forms' matches are among them. (A text cut at MAX_TERMS_PER_TEXT
  // may keep a term without its folded twin: rare, and only in texts of a thousand words.)
  const keys = [...new Set(lookup.forms.map(fold))];
  const lists = await Promise.all(keys.map((key) => find({ ...filter, terms: key })));
  return newestFirst(lists.flat()).slice(0, count);
}

function rank(analyzer: Analyzer, matchers: WordMatcher[], docs: FoundMessage[]): Ranked[] {
  return docs
    .map((doc) => ({
      doc,
      rank: rankText(analyzer, matchers, doc.text),
      createdAt: doc.createdAt,
      id: doc._id,
    }))
    .sort(compareRanked);
}

/** The query with each word no dictionary knows replaced by a dictionary's correction. */
function correctedQuery(q: string, words: string[], matchers: WordMatcher[]): string | null {
  let corrected = q.trim();
  let changed = false;
  words.forEach((word, i) => {
    const correction = matchers[i]?.correction;
    if (!correction) return;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegex(word)}(?![\\p{L}\\p{N}])`, 'u');
    const next = corrected.replace(pattern, correction);
    changed ||= next !== corrected;
    corrected = next;
  });
  return changed ? corrected : null;
}

function newestFirst(docs: FoundMessage[]): FoundMessage[] {
  const unique = [...new Map(docs.map((d) => [String(d._id), d])).values()];
  return unique.sort(
    (a, b) =>
      b.createdAt.getTime() - a.createdAt.getTime() || (String(b._id) > String(a._id) ? 1 : -1),
  );
}

/**
 * `in:` values to channels among the visible ones: by exact name (case-insensitive), else by
 * the start of the name. A seeded channel nobody renamed answers to its name in every language
 * (`in:allmänt` finds "yleinen").
 */
async function channelsNamed(
  values: string[],
  visible: Types.ObjectId[],
): Promise<Types.ObjectId[]> {
  const keys = values.map(lower);
  const candidates = (await ConversationModel.find(
    {
      _id: { $in: visible },
      kind: 'channel',
      $or: [
        ...keys.map((key) => ({ nameKey: { $regex: `^${escapeRegex(key)}` } })),
        { defaultKey: { $ne: null }, customised: { $ne: 'name' } },
      ],
    },
    { nameKey: 1, defaultKey: 1, customised: 1 },
  ).lean()) as Pick<ConversationDoc, '_id' | 'nameKey' | 'defaultKey' | 'customised'>[];
  const namesOf = (c: (typeof candidates)[number]) => [
    c.nameKey,
    ...(c.customised.includes('name') ? [] : defaultChannelNames(c.defaultKey).map(lower)),
  ];
  return keys.flatMap((key) => {
    const exact = candidates.filter((c) => namesOf(c).includes(key));
    const found = exact.length
      ? exact
      : candidates.filter((c) => namesOf(c).some((n) => n.startsWith(key)));
    return found.map((c) => c._id);
  });
}

/** `from:` values to people whose name, or a word of it onwards, starts with the value. */
async function peopleNamed(values: string[]): Promise<Types.ObjectId[]> {
  const users = await UserModel.find(
    { $or: values.map((v) => ({ name: { $regex: `(^|\\s)${escapeRegex(v)}`, $options: 'i' } })) },
    { _id: 1 },
  )
    .limit(MAX_AUTHORS)
    .lean();
  return users.map((u) => u._id);
}

async function presentHits(
  user: AuthUser,
  docs: FoundMessage[],
  isMatch: (word: string) => boolean,
): Promise<SearchHit[]> {
  if (!docs.length) return [];
  const convs = (await ConversationModel.find(
    { _id: { $in: [...new Set(docs.map((d) => String(d.conversationId)))] } },
    { kind: 1, name: 1, topic: 1, category: 1, defaultKey: 1, customised: 1, participantIds: 1 },
  ).lean()) as ConversationDoc[];
  const convById = new Map(convs.map((c) => [String(c._id), c]));
  const people = await loadPeople([
    ...docs.map((d) => d.authorId),
    ...convs.flatMap((c) => c.participantIds),
  ]);

  const dmName = (c: Pick<ConversationDoc, 'participantIds'>) => {
    const others = c.participantIds.map(String).filter((id) => id !== user.id);
    return (others.length ? others : [user.id])
      .map((id) => people.get(id)?.name ?? '')
      .filter(Boolean)
      .join(', ');
  };

  return docs.flatMap((doc) => {
    const conv = convById.get(String(doc.conversationId));
    if (!conv) return [];
    return [
      {
        messageId: String(doc._id),
        conversationId: String(doc.conversationId),
        conversationKind: conv.kind,
        conversationName:
          conv.kind === 'dm' ? dmName(conv) : channelTextFor(conv, user.language).name,
        author: doc.authorId ? (people.get(String(doc.authorId)) ?? null) : null,
        ...buildSnippet(doc.text, isMatch),
        threadRootId: doc.threadRootId ? String(doc.threadRootId) : null,
        seq: doc.seq,
        createdAt: new Date(doc.createdAt).toISOString(),
      },
    ];
  });
}
