import {
  MAX_MEMBER_LIST,
  rooms,
  saysYes,
  type ConversationSummary,
  type Member,
  type Role,
} from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import type { AuthUser } from '../../auth/auth.js';
import { liveRoom } from '../../auth/live-access.js';
import { UserModel } from '../../auth/user.model.js';
import type { AppContext } from '../../context.js';
import { oid } from '../../db/object-id.js';
import { AppError, forbidden, isDuplicateKey, notFound } from '../../errors.js';
import type { Facts } from '../../realtime/facts.js';
import {
  ConversationModel,
  MembershipModel,
  type ConversationDoc,
  type MembershipDoc,
} from './conversation.model.js';
import { conversationIdsOf, summaryFor } from './conversations.service.js';
import { accessConversation, accessForInvite, requireChannel } from './conversations.policy.js';
import { loadPeople, presentConversationOne, presentMember } from './conversations.presenter.js';
import { recountMembers } from './member-count.js';
import { currentSeq } from './sequence.js';

/**
 * Who is in a conversation, and every change of it: joining, leaving, invitations, the channels
 * chosen at approval, and an erased account leaving all of them. Records its facts for the caller
 * to publish after the write (docs/ARCHITECTURE.md); sockets join and leave rooms across processes.
 */

export async function members(
  user: AuthUser,
  id: string,
): Promise<{ members: Member[]; total: number }> {
  const { conv } = await accessConversation(user, id);
  const ms = (await MembershipModel.find({ conversationId: conv._id })
    .sort({ joinedAt: 1 })
    .limit(MAX_MEMBER_LIST)
    .lean()) as MembershipDoc[];
  const people = await loadPeople(ms.map((m) => m.userId));
  const list = ms.flatMap((m) => {
    const p = people.get(String(m.userId));
    return p ? [presentMember(m, p, conv)] : [];
  });
  // The conversation's own count, not a second count of the rows: the header and the panel
  // show the same number (member-count.ts).
  return { members: list, total: conv.memberCount };
}

/**
 * Adds one person; false when they already were a member (idempotent, no broadcast). Without
 * `facts` nobody is told (the caller announces several at once, or nobody needs to hear).
 */
export async function addMember(
  app: AppContext,
  conv: ConversationDoc,
  userId: string,
  facts?: Facts,
): Promise<boolean> {
  // A new member starts with everything read: joining a busy channel is not 999 unread. The
  // counter, not the newest stored message: one lookup, not a sort of the whole channel.
  const readSeq = conv.kind === 'channel' ? await currentSeq(conv._id) : 0;
  try {
    await MembershipModel.create({ conversationId: conv._id, userId: oid(userId), readSeq });
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
  await recountMembers(app, conv._id);
  const convId = String(conv._id);
  // Only the person's sockets with live access (consent current: auth/live-access.ts).
  app.io.in(liveRoom(userId)).socketsJoin(rooms.conversation(convId));
  if (facts) await announceAdded(facts, convId, [userId]);
  return true;
}

export async function announceAdded(facts: Facts, conversationId: string, userIds: string[]) {
  const fresh = (await ConversationModel.findById(conversationId).lean()) as ConversationDoc | null;
  if (!fresh) return;
  const people = await loadPeople(userIds);
  for (const userId of userIds) {
    // The summary carries other people's names and messages: only sockets with live access.
    facts.add(liveRoom(userId), 'conversation:added', {
      conversation: await summaryFor(userId, fresh),
    });
    const person = people.get(userId);
    const m = await MembershipModel.findOne({
      conversationId: fresh._id,
      userId: oid(userId),
    }).lean();
    if (person && m) {
      facts.add(rooms.conversation(conversationId), 'member:joined', {
        conversationId,
        member: presentMember(m as MembershipDoc, person, fresh),
      });
    }
  }
}

export async function join(
  app: AppContext,
  facts: Facts,
  user: AuthUser,
  id: string,
): Promise<ConversationSummary> {
  const { conv, membership } = await accessConversation(user, id);
  requireChannel(conv);
  if (!membership) {
    if (conv.visibility !== 'public' || !saysYes(user, 'channel.browsePublic')) throw notFound();
    if (conv.archived) throw forbidden('archived');
    await addMember(app, conv, user.id, facts);
  }
  return summaryFor(
    user.id,
    ((await ConversationModel.findById(conv._id).lean()) as ConversationDoc | null) ?? conv,
  );
}

export async function leave(
  app: AppContext,
  facts: Facts,
  user: AuthUser,
  id: string,
): Promise<void> {
  const { conv, membership } = await accessConversation(user, id);
  requireChannel(conv);
  if (!membership) return;
  const res = await MembershipModel.deleteOne({ _id: membership._id });
  if (!res.deletedCount) return;
  await recountMembers(app, conv._id);
  const convId = String(conv._id);
  app.io.in(rooms.user(user.id)).socketsLeave(rooms.conversation(convId));
  facts.add(rooms.user(user.id), 'conversation:removed', { conversationId: convId });
  facts.add(rooms.conversation(convId), 'member:left', {
    conversationId: convId,
    userId: user.id,
  });
}

export async function activeUsers(ids: string[]): Promise<Map<string, { id: string; role: Role }>> {
  const now = new Date();
  const users = await UserModel.find(
    { _id: { $in: ids.map(oid) }, status: 'active' },
    { role: 1, guestUntil: 1 },
  ).lean();
  return new Map(
    users
      .filter((u) => u.role !== 'guest' || (u.guestUntil && u.guestUntil > now))
      .map((u) => [String(u._id), { id: String(u._id), role: u.role as Role }]),
  );
}

export async function invite(
  app: AppContext,
  facts: Facts,
  user: AuthUser,
  id: string,
  userIds: string[],
): Promise<string[]> {
  const { conv, membership } = await accessForInvite(user, id);
  // Invitations come from inside the channel (its member list), so join a public one first.
  if (!membership) throw forbidden('join the channel first');
  const users = await activeUsers([...new Set(userIds)]);
  if (users.size !== new Set(userIds).size) throw notFound();
  const added: string[] = [];
  for (const uid of users.keys()) if (await addMember(app, conv, uid)) added.push(uid);
  if (added.length) await announceAdded(facts, String(conv._id), added);
  return added;
}

/**
 * Before an approval writes anything: the deciding moderator may place the person only where
 * they could invite them. One channel that fails refuses the whole approval, with the error of
 * `channel:invite` (NOT_FOUND for a private channel they are not in, as for a missing one).
 */
export async function checkApprovalChannels(
  decider: AuthUser,
  channelIds: string[],
): Promise<void> {
  for (const id of new Set(channelIds)) await accessForInvite(decider, id);
}

/**
 * A moderator chose channels when approving someone (guests get access this way). The rule is
 * applied again: the decider may have left a channel, or it was archived, since the check.
 */
export async function addToChannels(
  app: AppContext,
  facts: Facts,
  decider: AuthUser,
  userId: string,
  channelIds: string[],
): Promise<void> {
  for (const id of new Set(channelIds)) {
    const access = await accessForInvite(decider, id).catch((err: unknown) => {
      if (err instanceof AppError) return null;
      throw err;
    });
    if (access) await addMember(app, access.conv, userId, facts);
  }
}

// ------------------------------------------------------------------------------------------
// Account erasure (issue 9, item 15): the others see "deleted user" at once, not after a reload
// ------------------------------------------------------------------------------------------

/** Before an erasure: the conversations whose people must hear of it (it erases the links). */
export async function conversationsOfErased(userId: string): Promise<Types.ObjectId[]> {
  const [memberOf, dms] = await Promise.all([
    conversationIdsOf(userId),
    ConversationModel.find({ participantIds: oid(userId) }, { _id: 1 }).lean(),
  ]);
  const ids = new Map([...memberOf, ...dms.map((d) => d._id)].map((id) => [String(id), id]));
  return [...ids.values()];
}

/**
 * After the erasure was written: the person left every one of those conversations, their counts
 * changed (each recount publishes its own count as it finishes), a DM's title and composer
 * change, and `user:deleted` (last, when all of that is already true) tells screens to drop the
 * name and catch up on the messages the erasure changed.
 */
export async function announceErased(
  app: AppContext,
  facts: Facts,
  userId: string,
  conversationIds: Types.ObjectId[],
): Promise<void> {
  if (!conversationIds.length) return;
  for (const id of conversationIds) {
    const convId = String(id);
    facts.add(rooms.conversation(convId), 'member:left', { conversationId: convId, userId });
    await recountMembers(app, id);
    const conv = (await ConversationModel.findById(id).lean()) as ConversationDoc | null;
    if (conv?.kind === 'dm') {
      const conversation = await presentConversationOne(conv);
      facts.add(rooms.conversation(convId), 'conversation:updated', { conversation });
    }
  }
  facts.add(
    conversationIds.map((id) => rooms.conversation(String(id))),
    'user:deleted',
    { userId },
  );
}
