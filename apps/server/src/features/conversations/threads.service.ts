import { MAX_UNREAD_COUNT, rooms, type FollowedThread } from '@yhteistyotila/protocol';
import { notFound } from '../../errors.js';
import type { Facts } from '../../realtime/facts.js';
import type { AuthUser } from '../../auth/auth.js';
import {
  ConversationModel,
  MembershipModel,
  type ConversationDoc,
  type MembershipDoc,
} from './conversation.model.js';
import { accessMessage, canRead } from './conversations.policy.js';
import { presentMessages } from './conversations.presenter.js';
import {
  MessageModel,
  ThreadFollowModel,
  type MessageDoc,
  type ThreadFollowDoc,
} from './message.model.js';
import { oid } from '../../db/object-id.js';
import { blockedIdsOf } from '../blocks/index.js';

async function accessRoot(user: AuthUser, threadRootId: string) {
  const access = await accessMessage(user, threadRootId);
  if (access.message.threadRootId) throw notFound();
  return access;
}

export async function followThread(
  facts: Facts,
  user: AuthUser,
  threadRootId: string,
  following: boolean,
) {
  const { message } = await accessRoot(user, threadRootId);
  const uid = oid(user.id);
  const before = await ThreadFollowModel.findOneAndUpdate(
    { userId: uid, threadRootId: message._id },
    {
      $set: { following, updatedAt: new Date() },
      // Following starts "read up to now": the threads view shows what comes after.
      $setOnInsert: {
        userId: uid,
        threadRootId: message._id,
        conversationId: message.conversationId,
        readSeq: message.lastReplySeq,
      },
    },
    { upsert: true, returnDocument: 'before' },
  ).lean();
  if (before?.following !== following) {
    facts.add(rooms.user(user.id), 'thread:followChanged', {
      threadRootId,
      conversationId: String(message.conversationId),
      following,
    });
  }
  return { threadRootId, following };
}

export async function markThreadRead(user: AuthUser, threadRootId: string, seq: number) {
  const { message } = await accessRoot(user, threadRootId);
  const target = Math.min(seq, message.lastReplySeq);
  const uid = oid(user.id);
  await ThreadFollowModel.updateOne(
    { userId: uid, threadRootId: message._id, readSeq: { $lt: target } },
    { $set: { readSeq: target } },
  );
  const follow = await ThreadFollowModel.findOne({ userId: uid, threadRootId: message._id }).lean();
  return { threadRootId, readSeq: follow?.readSeq ?? 0 };
}

/** Followed threads in conversations the person can still read, newest activity first. */
export async function listThreads(user: AuthUser, unreadOnly: boolean): Promise<FollowedThread[]> {
  const uid = oid(user.id);
  const follows = (await ThreadFollowModel.find({
    userId: uid,
    following: true,
  }).lean()) as ThreadFollowDoc[];
  if (!follows.length) return [];
  const [roots, convs, memberships, blocked] = await Promise.all([
    MessageModel.find({ _id: { $in: follows.map((f) => f.threadRootId) } }).lean() as Promise<
      MessageDoc[]
    >,
    ConversationModel.find({
      _id: { $in: [...new Set(follows.map((f) => String(f.conversationId)))].map(oid) },
    }).lean() as Promise<ConversationDoc[]>,
    MembershipModel.find({ userId: uid }).lean() as Promise<MembershipDoc[]>,
    // Replies by people the reader blocked are not unread for them (docs/decisions.md).
    blockedIdsOf(user.id),
  ]);
  const convById = new Map(convs.map((c) => [String(c._id), c]));
  const memberOf = new Map(memberships.map((m) => [String(m.conversationId), m]));
  const followByRoot = new Map(follows.map((f) => [String(f.threadRootId), f]));
  const readable = roots.filter((r) => {
    const conv = convById.get(String(r.conversationId));
    return conv && canRead(user, conv, memberOf.get(String(conv._id)) ?? null) && r.replyCount > 0;
  });
  const withCounts = await Promise.all(
    readable.map(async (root) => {
      const follow = followByRoot.get(String(root._id))!;
      const unreadCount =
        root.lastReplySeq > follow.readSeq
          ? await MessageModel.countDocuments(
              {
                conversationId: root.conversationId,
                threadRootId: root._id,
                seq: { $gt: follow.readSeq },
                authorId: { $nin: [uid, ...blocked] },
                deletedAt: null,
              },
              { limit: MAX_UNREAD_COUNT },
            )
          : 0;
      return { root, follow, unreadCount };
    }),
  );
  const shown = withCounts
    .filter((t) => !unreadOnly || t.unreadCount > 0)
    .sort((a, b) => (b.root.lastReplyAt?.getTime() ?? 0) - (a.root.lastReplyAt?.getTime() ?? 0));
  const presented = await presentMessages(shown.map((t) => t.root));
  return shown.map((t, i) => ({
    conversationId: String(t.root.conversationId),
    root: presented[i]!,
    readSeq: t.follow.readSeq,
    unreadCount: t.unreadCount,
  }));
}
