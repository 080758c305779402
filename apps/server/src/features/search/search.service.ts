import { SEARCH_PAGE_SIZE, type SearchHit, type SearchResult } from '@yhteistyotila/protocol';
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
import { lower } from './analyzer.js';
import { getAnalyzer } from './analyzer-instance.js';
import { decodeCursor, encodeCursor, olderThan } from './cursor.js';
import { escapeRegex } from '../../lib/escape-regex.js';
import { matchesWord, pickLookupWord, termsFilter, wordMatchers } from './match.js';
import { parseSearchQuery } from './query-parser.js';
import { buildSnippet } from './snippet.js';

const NOTHING: SearchResult = { hits: [], nextCursor: null };
/** `from:` names that match more people than this are too vague to narrow anything. */
const MAX_AUTHORS = 200;

type FoundMessage = Pick<
  MessageDoc,
  '_id' | 'conversationId' | 'authorId' | 'text' | 'threadRootId' | 'seq' | 'createdAt'
>;

export interface SearchInput {
  q: string;
  limit?: number | undefined;
  before?: string | undefined;
}

/** Messages the reader may see that match the query, newest first. */
export async function searchMessages(user: AuthUser, input: SearchInput): Promise<SearchResult> {
  const cursor = input.before ? decodeCursor(input.before) : null;
  const limit = input.limit ?? SEARCH_PAGE_SIZE;
  const query = parseSearchQuery(input.q);
  if (!query.words.length && !query.channels.length && !query.people.length) return NOTHING;

  let conversationIds = (await visibleConversationIds(user)).map(oid);
  if (query.channels.length) conversationIds = await channelsNamed(query.channels, conversationIds);
  if (!conversationIds.length) return NOTHING;
  const authorIds = query.people.length ? await peopleNamed(query.people) : null;
  if (authorIds && !authorIds.length) return NOTHING;

  const analyzer = getAnalyzer();
  const matchers = wordMatchers(analyzer, query.words);
  const lookup = pickLookupWord(matchers);
  const others = matchers.filter((m) => m !== lookup);
  const conditions = [...termsFilter(others), ...(cursor ? [olderThan(cursor)] : [])];
  const base = {
    // Plain equality where it is one value: FerretDB pushes only equalities down.
    conversationId: conversationIds.length === 1 ? conversationIds[0] : { $in: conversationIds },
    deletedAt: null,
    ...(authorIds ? { authorId: authorIds.length === 1 ? authorIds[0] : { $in: authorIds } } : {}),
    ...(conditions.length ? { $and: conditions } : {}),
  };
  const find = (filter: Record<string, unknown>) =>
    MessageModel.find(filter, {
      conversationId: 1,
      authorId: 1,
      text: 1,
      threadRootId: 1,
      seq: 1,
      createdAt: 1,
    })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean() as Promise<FoundMessage[]>;
  // One equality query per form of the lookup word; the newest `limit + 1` of their union are
  // the newest of the whole result, as each query returns its own newest.
  const docs = lookup
    ? newestFirst(
        (await Promise.all(lookup.forms.map((form) => find({ ...base, terms: form })))).flat(),
      ).slice(0, limit + 1)
    : await find(base);

  const page = docs.slice(0, limit);
  const last = page[page.length - 1];
  const hits = await presentHits(user, page, (word) => matchesWord(analyzer, matchers, word));
  return {
    hits,
    nextCursor:
      docs.length > limit && last
        ? encodeCursor({ createdAt: last.createdAt, id: last._id })
        : null,
  };
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
 * the start of the name.
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
      $or: keys.map((key) => ({ nameKey: { $regex: `^${escapeRegex(key)}` } })),
    },
    { nameKey: 1 },
  ).lean()) as Pick<ConversationDoc, '_id' | 'nameKey'>[];
  return keys.flatMap((key) => {
    const exact = candidates.filter((c) => c.nameKey === key);
    return (exact.length ? exact : candidates.filter((c) => c.nameKey.startsWith(key))).map(
      (c) => c._id,
    );
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
    { kind: 1, name: 1, participantIds: 1 },
  ).lean()) as Pick<ConversationDoc, '_id' | 'kind' | 'name' | 'participantIds'>[];
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
        conversationName: conv.kind === 'dm' ? dmName(conv) : conv.name,
        author: doc.authorId ? (people.get(String(doc.authorId)) ?? null) : null,
        ...buildSnippet(doc.text, isMatch),
        threadRootId: doc.threadRootId ? String(doc.threadRootId) : null,
        seq: doc.seq,
        createdAt: new Date(doc.createdAt).toISOString(),
      },
    ];
  });
}
