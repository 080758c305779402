import {
  TRANSLATED_CHANNEL_FIELDS,
  isCreatorOf,
  type TranslatedChannelField,
  type Conversation,
  type ConversationSummary,
  type Member,
  type Message,
  type PersonRef,
  type SystemAuthor,
} from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import { loadPeople, type People } from '../../auth/people.js';
import type { ConversationDoc, MembershipDoc } from './conversation.model.js';
import { erasedParticipantsOf } from './member-count.js';
import type { MessageDoc } from './message.model.js';

const isTranslatedField = (f: string): f is TranslatedChannelField =>
  (TRANSLATED_CHANNEL_FIELDS as readonly string[]).includes(f);

/** Thread participants shown on a root. */
const SHOWN_PARTICIPANTS = 5;

export type { People };

/** Names and roles of the people documents refer to (auth/people.ts, cached). */
export { loadPeople };

export function messagePeopleIds(docs: MessageDoc[]): Types.ObjectId[] {
  return docs.flatMap((d) => [
    ...(d.authorId ? [d.authorId] : []),
    ...(d.threadParticipantIds ?? []).slice(0, SHOWN_PARTICIPANTS),
  ]);
}

export function presentMessage(doc: MessageDoc, people: People): Message {
  const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
  return {
    id: String(doc._id),
    conversationId: String(doc.conversationId),
    seq: doc.seq,
    changeSeq: doc.changeSeq,
    clientId: doc.clientId,
    author: doc.authorId ? (people.get(String(doc.authorId)) ?? null) : null,
    ...(doc.systemAuthor ? { systemAuthor: doc.systemAuthor as SystemAuthor } : {}),
    text: doc.text,
    mentions: (doc.mentions ?? []).map(String),
    threadRootId: doc.threadRootId ? String(doc.threadRootId) : null,
    replyCount: doc.replyCount,
    threadParticipants: (doc.threadParticipantIds ?? [])
      .slice(0, SHOWN_PARTICIPANTS)
      .map((id) => people.get(String(id)))
      .filter((p): p is PersonRef => !!p),
    lastReplyAt: iso(doc.lastReplyAt),
    reactions: (doc.reactions ?? []).map((r) => ({
      emoji: r.emoji,
      userIds: r.userIds.map(String),
      count: r.userIds.length,
    })),
    pinned: doc.pinned,
    createdAt: new Date(doc.createdAt).toISOString(),
    editedAt: iso(doc.editedAt),
    deletedAt: iso(doc.deletedAt),
    removedByModerator: doc.removedByModerator ?? false,
    // The same copy goes to everyone; the author's own reads add it (removal.ts).
    removalReason: null,
  };
}

export async function presentMessages(docs: MessageDoc[]): Promise<Message[]> {
  const people = await loadPeople(messagePeopleIds(docs));
  return docs.map((d) => presentMessage(d, people));
}

export async function presentMessageOne(doc: MessageDoc): Promise<Message> {
  return (await presentMessages([doc]))[0]!;
}

export function presentConversation(doc: ConversationDoc, people: People): Conversation {
  return {
    id: String(doc._id),
    kind: doc.kind,
    visibility: doc.visibility,
    name: doc.name,
    topic: doc.topic,
    description: doc.description,
    category: doc.category,
    regionId: doc.regionId ?? null,
    isDefault: doc.isDefault,
    defaultKey: doc.defaultKey ?? null,
    customised: (doc.customised ?? []).filter(isTranslatedField),
    archived: doc.archived,
    createdBy: doc.createdBy ? String(doc.createdBy) : null,
    createdAt: new Date(doc.createdAt).toISOString(),
    memberCount: doc.memberCount,
    participants: (doc.participantIds ?? [])
      .map((id) => people.get(String(id)))
      .filter((p): p is PersonRef => !!p),
    deletedParticipants: erasedParticipantsOf(doc),
    lastMessageAt: doc.lastMessageAt ? new Date(doc.lastMessageAt).toISOString() : null,
  };
}

export async function presentConversations(docs: ConversationDoc[]): Promise<Conversation[]> {
  const people = await loadPeople(docs.flatMap((d) => d.participantIds ?? []));
  return docs.map((d) => presentConversation(d, people));
}

export async function presentConversationOne(doc: ConversationDoc): Promise<Conversation> {
  return (await presentConversations([doc]))[0]!;
}

export function withReadState(
  conversation: Conversation,
  state: { readSeq: number; unreadCount: number; mentionCount: number },
): ConversationSummary {
  return { ...conversation, ...state };
}

export function presentMember(m: MembershipDoc, person: PersonRef, conv: ConversationDoc): Member {
  return {
    ...person,
    joinedAt: new Date(m.joinedAt).toISOString(),
    isCreator: isCreatorOf(conv, person.id),
  };
}
