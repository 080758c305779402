import {
  MAX_UNREAD_COUNT,
  channelTextFor,
  type Conversation,
  type ConversationSummary,
  type Message,
  type ReadState,
} from '@yhteistyotila/protocol';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { asLanguage } from '../../../lib/i18n.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';

/*
 * The list is also kept in localStorage (per person), so that a page opened while the server is
 * unreachable still shows the conversations, their messages in the outbox and the composer.
 */
const cacheKey = (userId: string) => `yt.conversations.${userId}`;

export function cacheList(userId: string, list: ConversationSummary[]) {
  try {
    localStorage.setItem(cacheKey(userId), JSON.stringify(list));
  } catch {
    // Storage full or disabled: the list simply loads from the server next time.
  }
}

function cachedList(userId: string | undefined): ConversationSummary[] | undefined {
  if (!userId) return undefined;
  try {
    const raw = localStorage.getItem(cacheKey(userId));
    return raw ? (JSON.parse(raw) as ConversationSummary[]) : undefined;
  } catch {
    return undefined;
  }
}

export function useConversationList() {
  const { user } = useSession();
  return useQuery({
    queryKey: queryKeys.conversations.list,
    queryFn: async () => (await request('conversation:list', {})).conversations,
    enabled: Boolean(user),
    staleTime: Infinity,
    initialData: () => cachedList(user?.id),
    // The cached copy is shown at once but always refreshed from the server.
    initialDataUpdatedAt: 0,
  });
}

export function useConversationSummary(
  conversationId: string | undefined,
): ConversationSummary | undefined {
  const { data } = useConversationList();
  return data?.find((c) => c.id === conversationId);
}

type List = ConversationSummary[] | undefined;

export function patchSummary(
  qc: QueryClient,
  id: string,
  patch: (c: ConversationSummary) => ConversationSummary,
) {
  qc.setQueryData<List>(queryKeys.conversations.list, (list) =>
    list?.map((c) => (c.id === id ? patch(c) : c)),
  );
}

export function upsertSummary(qc: QueryClient, summary: ConversationSummary) {
  qc.setQueryData<List>(queryKeys.conversations.list, (list) =>
    list ? [...list.filter((c) => c.id !== summary.id), summary] : list,
  );
}

export function updateConversation(qc: QueryClient, conversation: Conversation) {
  patchSummary(qc, conversation.id, (c) => ({ ...c, ...conversation }));
}

export function removeSummary(qc: QueryClient, id: string) {
  qc.setQueryData<List>(queryKeys.conversations.list, (list) => list?.filter((c) => c.id !== id));
}

export function applyReadState(qc: QueryClient, rs: ReadState) {
  patchSummary(qc, rs.conversationId, (c) =>
    // Read marks only move forward; an older answer arriving late must not bring counts back.
    rs.readSeq < c.readSeq
      ? c
      : { ...c, readSeq: rs.readSeq, unreadCount: rs.unreadCount, mentionCount: rs.mentionCount },
  );
}

/** A new top-level message from someone else in a conversation I am not looking at. */
export function countUnread(qc: QueryClient, m: Message, myId: string) {
  patchSummary(qc, m.conversationId, (c) =>
    m.seq <= c.readSeq
      ? c
      : {
          ...c,
          unreadCount: Math.min(MAX_UNREAD_COUNT, c.unreadCount + 1),
          mentionCount: c.mentionCount + (m.mentions.includes(myId) ? 1 : 0),
        },
  );
}

/**
 * Channels are "#name" (a seeded one in the reader's language until renamed); a DM is named
 * after the other participants, an erased one as `deletedUser` (translated "deleted user"),
 * never after the reader.
 */
export function conversationName(
  c: Conversation,
  myId: string | undefined,
  deletedUser: string,
  language: string,
): string {
  if (c.kind === 'channel') return channelTextFor(c, asLanguage(language)).name;
  const others = c.participants.filter((p) => p.id !== myId).map((p) => p.name);
  const erased = Array.from({ length: c.deletedParticipants }, () => deletedUser);
  return [...others, ...erased].join(', ');
}

/** A DM where everyone else erased their account: read-only (the server refuses to send). */
/** The other participant of a two-person DM (none for channels, groups and erased peers). */
export function oneToOnePeer(c: Conversation | undefined, myId: string | undefined) {
  if (!c || c.kind !== 'dm' || c.participants.length !== 2 || c.deletedParticipants > 0) return;
  return c.participants.find((p) => p.id !== myId);
}

export const nobodyLeftIn = (c: Conversation, myId: string | undefined): boolean =>
  c.kind === 'dm' && c.participants.every((p) => p.id === myId);

/**
 * The one member count on screen: the server's, from `memberCount:updated` or a fresher answer.
 * Header and members panel both read it from here, never a count of their own.
 */
export function setMemberCount(qc: QueryClient, conversationId: string, memberCount: number) {
  patchSummary(qc, conversationId, (c) => ({ ...c, memberCount }));
  qc.setQueryData<{ conversation: Conversation; isMember: boolean }>(
    queryKeys.conversations.outsider(conversationId),
    (got) => (got ? { ...got, conversation: { ...got.conversation, memberCount } } : got),
  );
}

export const formatCount = (n: number) =>
  n >= MAX_UNREAD_COUNT ? `${MAX_UNREAD_COUNT}+` : String(n);
