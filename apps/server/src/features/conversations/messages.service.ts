import {
  HISTORY_PAGE_SIZE,
  MAX_MENTIONS_PER_MESSAGE,
  MAX_REACTIONS_PER_MESSAGE,
  SYNC_PAGE_SIZE,
  can,
  extractMentionNames,
  rooms,
  type Message,
  type SystemAuthor,
} from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import { AppError, forbidden, isDuplicateKey, notFound } from '../../errors.js';
import { readCoalesced } from '../../lib/coalesce.js';
import type { AuthUser } from '../../auth/auth.js';
import { personRefOf } from '../../auth/people.js';
import { UserModel } from '../../auth/user.model.js';
import { analyzeForIndex, writeTermsThatFit } from '../search/index.js';
import { blockersAmong } from '../blocks/index.js';
import { MembershipModel, type ConversationDoc } from './conversation.model.js';
import {
  accessConversation,
  accessForWrite,
  accessForWriteFromMemory,
  accessMessage,
  accessThroughRoom,
  allowedIn,
} from './conversations.policy.js';
import { presentMessage, presentMessageOne, presentMessages } from './conversations.presenter.js';
import { MessageModel, ThreadFollowModel, type MessageDoc } from './message.model.js';
import { groupInsert } from '../../db/group-insert.js';
import { oid } from '../../db/object-id.js';
import { pageKeys } from './message-keys.js';
import { changedSince, newerMessages, olderMessages } from './message-pages.js';
import { changeMessage, currentSeq, nextSeq, noteSeqHint } from './sequence.js';
import { removeByModerator, tombstone, withOwnRemovalReasons } from './removal.js';
import type { Facts } from '../../realtime/facts.js';

/**
 * `@**Name**` / `@Name` -> ids of members of this conversation with exactly that name, leaving
 * out those who blocked the author: a mention of them notifies nothing, anywhere (badge, toast,
 * thread follow), because it is not one.
 */
async function resolveMentions(
  conversationId: Types.ObjectId,
  authorId: string,
  text: string,
): Promise<Types.ObjectId[]> {
  const names = extractMentionNames(text).slice(0, MAX_MENTIONS_PER_MESSAGE);
  if (!names.length) return [];
  const users = await UserModel.find({ name: { $in: names }, status: 'active' }, { _id: 1 }).lean();
  if (!users.length) return [];
  const members = await MembershipModel.find(
    { conversationId, userId: { $in: users.map((u) => u._id) } },
    { userId: 1 },
  ).lean();
  const mentioned = members.map((m) => m.userId).slice(0, MAX_MENTIONS_PER_MESSAGE);
  const blockers = await blockersAmong(authorId, mentioned);
  return mentioned.filter((id) => !blockers.has(String(id)));
}

/**
 * Follows a thread unless the person already decided (an explicit unfollow sticks), each person
 * once; the replier's read mark moves up to their reply in the same write (`$max`: never back).
 */
async function ensureFollow(
  userIds: Types.ObjectId[],
  root: MessageDoc,
  replier: { userId: Types.ObjectId; seq: number },
) {
  const once = [...new Map(userIds.map((id) => [String(id), id])).values()];
  for (const userId of once) {
    const filter = { userId, threadRootId: root._id };
    const onInsert = { userId, threadRootId: root._id, conversationId: root.conversationId };
    const own = String(userId) === String(replier.userId);
    const update = own
      ? { $setOnInsert: { ...onInsert, following: true }, $max: { readSeq: replier.seq } }
      : { $setOnInsert: { ...onInsert, following: true, readSeq: 0 } };
    await ThreadFollowModel.updateOne(filter, update, { upsert: true }).catch(
      async (err: unknown) => {
        if (!isDuplicateKey(err)) throw err;
        // Inserted meanwhile by another reply: the replier's mark still moves.
        if (own) await ThreadFollowModel.updateOne(filter, { $max: { readSeq: replier.seq } });
      },
    );
  }
}

/**
 * A DM whose other participants all erased their accounts: nobody would ever read a reply. (A 1:1
 * DM across a block is refused by accessForWrite, for every write.)
 */
function requireRecipient(user: AuthUser, conv: ConversationDoc): void {
  if (conv.kind !== 'dm') return;
  const others = conv.participantIds.filter((id) => String(id) !== user.id);
  if (!others.length)
    throw new AppError('RECIPIENT_DELETED', 'everyone else in this DM deleted their account');
}

export interface SendResult {
  message: Message;
  /** False when this was a retry of a stored send (no broadcast). */
  created: boolean;
  /** The thread root after its stats changed (broadcast as message:updated). */
  root: Message | null;
}

/** What a new message is made of; the rest (numbers, keys, terms, time) `storeMessage` adds. */
interface NewMessage {
  conversationId: Types.ObjectId;
  clientId: string;
  /** Null for a message the workspace posts (`systemAuthor` then names it). */
  authorId: Types.ObjectId | null;
  text: string;
  threadRootId?: Types.ObjectId | null;
  mentions?: Types.ObjectId[];
  systemAuthor?: SystemAuthor;
}

/** Messages of every conversation sent at the same moment share one insert (db/group-insert.ts). */
const insertMessage = groupInsert(() => MessageModel.collection);

/**
 * The one place a new message document is built and stored, for people and the workspace
 * alike: the conversation's next number (also its first change number), its page keys and the
 * search terms that fit. A duplicate (author, `clientId`) is a retry or a racing copy: `stored`
 * answers with the stored message (and the number taken is a hole).
 */
async function storeMessage(
  message: NewMessage,
  terms: string[],
  stored: () => Promise<SendResult | null>,
  conv?: ConversationDoc,
  rootSeq?: number,
): Promise<{ doc: MessageDoc } | { retry: SendResult }> {
  // The conversation just read for access holds a hint of its numbers (absent on old ones); a
  // reply is numbered above its root (a thread's pages stop at the root: message-pages.ts).
  const hints = [conv?.seqHint, rootSeq].filter((n): n is number => typeof n === 'number');
  const seq = await nextSeq(message.conversationId, hints.length ? Math.max(...hints) : undefined);
  const threadRootId = message.threadRootId ?? null;
  try {
    const doc = await writeTermsThatFit(terms, async (fitting) => {
      const built = new MessageModel({
        ...message,
        seq,
        changeSeq: seq,
        ...pageKeys({ conversationId: message.conversationId, threadRootId, seq, changeSeq: seq }),
        threadRootId,
        terms: fitting,
        createdAt: new Date(),
      });
      await built.validate();
      const stored = built.toObject() as MessageDoc;
      await insertMessage(stored);
      return stored;
    });
    return { doc };
  } catch (err) {
    const again = isDuplicateKey(err) ? await stored() : null;
    if (again) return { retry: again };
    throw err;
  }
}

export async function sendMessage(
  user: AuthUser,
  input: {
    conversationId: string;
    clientId: string;
    text: string;
    threadRootId?: string | null | undefined;
  },
): Promise<SendResult> {
  const authorId = oid(user.id);
  const stored = async () => {
    const existing = (await MessageModel.findOne({
      authorId,
      clientId: input.clientId,
    }).lean()) as MessageDoc | null;
    if (!existing) return null;
    if (String(existing.conversationId) !== input.conversationId)
      throw new AppError('CONFLICT', 'client id already used');
    // A retry must still be authorised: the person may have lost access meanwhile.
    await accessConversation(user, existing.conversationId);
    return { message: await presentMessageOne(existing), created: false, root: null };
  };
  // The common case is a first send, so no lookup up front: the unique (authorId, clientId)
  // index turns a retry into a duplicate-key error below, answered with the stored copy.
  let conv: ConversationDoc;
  let root: MessageDoc | null = null;
  try {
    ({ conv } = await accessForWriteFromMemory(user, input.conversationId));
    requireRecipient(user, conv);
    if (input.threadRootId) {
      root = (await MessageModel.findOne({
        _id: oid(input.threadRootId),
        conversationId: conv._id,
        threadRootId: null,
      }).lean()) as MessageDoc | null;
      if (!root || root.deletedAt) throw notFound();
    }
  } catch (err) {
    // A retry of a message stored before access changed still gets its answer.
    const retry = await stored();
    if (retry) return retry;
    throw err;
  }
  const [mentions, terms] = await Promise.all([
    resolveMentions(conv._id, user.id, input.text),
    analyzeForIndex(input.text),
  ]);
  const written = await storeMessage(
    {
      conversationId: conv._id,
      clientId: input.clientId,
      authorId,
      text: input.text,
      mentions,
      threadRootId: root?._id ?? null,
    },
    terms,
    stored,
    conv,
    root?.seq,
  );
  if ('retry' in written) return written.retry;
  const { doc } = written;
  const { seq } = doc;

  let updatedRoot: Message | null = null;
  if (root) {
    const { doc: newRoot } = await changeMessage(root._id, (r) => ({
      replyCount: r.replyCount + 1,
      threadParticipantIds: r.threadParticipantIds.some((id) => String(id) === user.id)
        ? r.threadParticipantIds
        : [...r.threadParticipantIds, authorId],
      lastReplyAt: doc.createdAt,
      lastReplySeq: Math.max(r.lastReplySeq, seq),
    }));
    updatedRoot = await presentMessageOne(newRoot);
    const followers = [authorId, ...(root.authorId ? [root.authorId] : []), ...mentions];
    await ensureFollow(followers, root, { userId: authorId, seq });
  }
  noteSeqHint(conv._id, seq, doc.createdAt);
  // A new message names only its author, whom we know: no lookup.
  const author = new Map([[user.id, personRefOf(user)]]);
  return { message: presentMessage(doc, author), created: true, root: updatedRoot };
}

/**
 * A message the workspace itself posts (no person: `systemAuthor`), such as a starting library
 * entry's discussion root. The caller has decided it may be posted. Once per `clientId`: a
 * retry, or a racing copy, answers with the stored message.
 */
export async function sendSystemMessage(input: {
  conversationId: Types.ObjectId;
  clientId: string;
  text: string;
  systemAuthor: SystemAuthor;
}): Promise<SendResult> {
  const stored = async () => {
    const existing = (await MessageModel.findOne({
      authorId: null,
      clientId: input.clientId,
    }).lean()) as MessageDoc | null;
    return existing
      ? { message: await presentMessageOne(existing), created: false, root: null }
      : null;
  };
  const earlier = await stored();
  if (earlier) return earlier;
  const written = await storeMessage(
    { ...input, authorId: null },
    await analyzeForIndex(input.text),
    stored,
  );
  if ('retry' in written) return written.retry;
  const { doc } = written;
  noteSeqHint(input.conversationId, doc.seq, doc.createdAt);
  return { message: presentMessage(doc, new Map()), created: true, root: null };
}

export async function editMessage(
  user: AuthUser,
  messageId: string,
  text: string,
): Promise<Message> {
  const { message } = await accessMessage(user, messageId);
  const own = String(message.authorId) === user.id;
  if (!can('message.editOrDelete', { role: user.role, expert: user.expert, own }))
    throw forbidden('not the author');
  await accessForWrite(user, message.conversationId);
  if (message.deletedAt) throw notFound();
  const [mentions, terms] = await Promise.all([
    resolveMentions(message.conversationId, user.id, text),
    analyzeForIndex(text),
  ]);
  const { doc } = await writeTermsThatFit(terms, (fitting) =>
    changeMessage(message._id, (m) => {
      if (m.deletedAt) throw notFound();
      if (m.text === text) return null;
      const now = new Date();
      return {
        text,
        mentions,
        terms: fitting,
        editedAt: now,
        edits: [...m.edits, { text: m.text, editedAt: m.editedAt ?? m.createdAt }],
      };
    }),
  );
  return presentMessageOne(doc);
}

/**
 * Own message: a plain tombstone. Someone else's (moderators and admins, "delete any"): a
 * removal with a reason, told to the author (removal.ts). Records its facts itself, since a
 * removal tells the author something the room does not hear.
 */
export async function deleteMessage(
  facts: Facts,
  user: AuthUser,
  messageId: string,
  reason?: string,
): Promise<Message> {
  const { message, membership, conv } = await accessMessage(user, messageId);
  const own = String(message.authorId) === user.id;
  const deletesAny = can('message.editOrDelete', {
    role: user.role,
    expert: user.expert,
    deleting: true,
  });
  if (!own && !deletesAny) throw forbidden('not the author');
  if (!own) {
    if (!reason)
      throw new AppError('VALIDATION_ERROR', 'a removal needs a reason', {
        issues: [{ path: 'reason', code: 'too_small' }],
      });
    return (await removeByModerator(facts, user, message, reason)).message;
  }
  // Authors delete where they can still post; moderators also in archived channels they can read.
  if (!deletesAny && (!membership || conv.archived)) throw forbidden('not writable');
  const { doc, changed } = await changeMessage(message._id, (m) =>
    m.deletedAt ? null : tombstone(user.id),
  );
  const view = await presentMessageOne(doc);
  if (changed)
    facts.add(rooms.conversation(view.conversationId), 'message:updated', { message: view });
  return view;
}

export async function reactToMessage(
  user: AuthUser,
  messageId: string,
  emoji: string,
  reacted: boolean,
): Promise<{ message: Message; changed: boolean }> {
  const { message } = await accessMessage(user, messageId);
  await accessForWrite(user, message.conversationId);
  const uid = oid(user.id);
  const { doc, changed } = await changeMessage(message._id, (m) => {
    if (m.deletedAt) throw notFound();
    const existing = m.reactions.find((r) => r.emoji === emoji);
    const has = !!existing?.userIds.some((id) => String(id) === user.id);
    if (has === reacted) return null;
    let reactions = m.reactions.map((r) => ({ emoji: r.emoji, userIds: [...r.userIds] }));
    if (reacted) {
      if (existing) reactions.find((r) => r.emoji === emoji)!.userIds.push(uid);
      else {
        if (reactions.length >= MAX_REACTIONS_PER_MESSAGE)
          throw new AppError('VALIDATION_ERROR', 'too many reactions', {
            issues: [{ path: 'emoji', code: 'too_big' }],
          });
        reactions.push({ emoji, userIds: [uid] });
      }
    } else {
      reactions = reactions
        .map((r) =>
          r.emoji === emoji
            ? { ...r, userIds: r.userIds.filter((id) => String(id) !== user.id) }
            : r,
        )
        .filter((r) => r.userIds.length > 0);
    }
    return { reactions };
  });
  return { message: await presentMessageOne(doc), changed };
}

export async function pinMessage(
  user: AuthUser,
  messageId: string,
  pinned: boolean,
): Promise<{ message: Message; changed: boolean }> {
  const { message } = await accessMessage(user, messageId);
  const { conv, membership } = await accessForWrite(user, message.conversationId);
  if (!allowedIn(user, 'message.pin', conv, membership)) throw forbidden('pin not allowed');
  const { doc, changed } = await changeMessage(message._id, (m) => {
    if (m.deletedAt) throw notFound();
    return m.pinned === pinned ? null : { pinned, pinnedBy: pinned ? oid(user.id) : null };
  });
  return { message: await presentMessageOne(doc), changed };
}

export async function messageEdits(user: AuthUser, messageId: string) {
  const { message } = await accessMessage(user, messageId);
  return message.edits.map((e) => ({ text: e.text, editedAt: new Date(e.editedAt).toISOString() }));
}

export async function pinnedMessages(user: AuthUser, conversationId: string): Promise<Message[]> {
  const { conv } = await accessConversation(user, conversationId);
  const docs = (await MessageModel.find({ conversationId: conv._id, pinned: true })
    .sort({ seq: 1 })
    .limit(200)
    .lean()) as MessageDoc[];
  return presentMessages(docs);
}

export async function history(
  user: AuthUser,
  input: {
    conversationId: string;
    threadRootId?: string | null | undefined;
    before?: number | undefined;
    after?: number | undefined;
    around?: string | undefined;
    limit?: number | undefined;
  },
) {
  const { conv } = await accessConversation(user, input.conversationId);
  const limit = input.limit ?? HISTORY_PAGE_SIZE;
  let threadRootId: Types.ObjectId | null = input.threadRootId ? oid(input.threadRootId) : null;
  let pivot: number | null = null;
  if (input.around) {
    const target = (await MessageModel.findOne({
      _id: oid(input.around),
      conversationId: conv._id,
    }).lean()) as MessageDoc | null;
    if (!target) throw notFound();
    threadRootId = target.threadRootId ?? null;
    pivot = target.seq;
  }
  // A thread's replies are numbered above its root: the walk down stops there (message-pages.ts).
  const root = threadRootId
    ? ((await MessageModel.findOne(
        { _id: threadRootId, conversationId: conv._id },
        { seq: 1, replyCount: 1 },
      ).lean()) as Pick<MessageDoc, 'seq' | 'replyCount'> | null)
    : null;
  // No such root in this conversation (messages are never removed): no replies to look for.
  if (threadRootId && !root)
    return {
      messages: [],
      hasMoreBefore: false,
      hasMoreAfter: false,
      threadRootId: String(threadRootId),
    };
  const timeline = { conversationId: conv._id, threadRootId, root: root ?? undefined };
  const older = (below: number | null, n: number) => olderMessages(timeline, below, n);
  const newer = (fromInclusive: number, n: number) => newerMessages(timeline, fromInclusive, n);

  let docs: MessageDoc[];
  let hasMoreBefore: boolean;
  let hasMoreAfter: boolean;
  if (pivot !== null) {
    const half = Math.floor(limit / 2);
    const [b, a] = await Promise.all([older(pivot, half), newer(pivot, limit - half)]);
    hasMoreBefore = b.length > half;
    hasMoreAfter = a.length > limit - half;
    docs = [...b.slice(0, half).reverse(), ...a.slice(0, limit - half)];
  } else if (input.after !== undefined) {
    const a = await newer(input.after + 1, limit);
    hasMoreAfter = a.length > limit;
    // Forward pages follow a jump; the client already holds (or can page to) what is before.
    hasMoreBefore = input.after > 0;
    docs = a.slice(0, limit);
  } else {
    const b = await older(input.before ?? null, limit);
    hasMoreBefore = b.length > limit;
    hasMoreAfter = input.before !== undefined;
    docs = b.slice(0, limit).reverse();
  }
  return {
    messages: await withOwnRemovalReasons(user, await presentMessages(docs)),
    hasMoreBefore,
    hasMoreAfter,
    threadRootId: threadRootId ? String(threadRootId) : null,
  };
}

/** Catch-up: current states above the watermark, ascending by changeSeq (see docs/realtime.md). */
export async function sync(
  user: AuthUser,
  conversationId: string,
  sinceChangeSeq: number,
  /** The asking socket is in the conversation's room (conversations.policy accessThroughRoom). */
  inRoom = false,
) {
  const conv = await accessThroughRoom(user, conversationId, inRoom);
  // The page is the same for every reader (nothing in it is per person), so the members who
  // reconnect together after the same message share one read of it.
  const page = await readCoalesced(`sync:${String(conv._id)}:${sinceChangeSeq}`, async () => {
    // Read the counter first: everything numbered up to it is either stored or a hole by now…
    // or still being written, which is why clients trail their watermark by SYNC_SAFETY_MARGIN.
    const counter = await currentSeq(conv._id);
    const docs = await changedSince(conv._id, sinceChangeSeq, SYNC_PAGE_SIZE, counter);
    const hasMore = docs.length > SYNC_PAGE_SIZE;
    return { messages: await presentMessages(docs.slice(0, SYNC_PAGE_SIZE)), hasMore, counter };
  });
  return { ...page, messages: await withOwnRemovalReasons(user, page.messages) };
}
