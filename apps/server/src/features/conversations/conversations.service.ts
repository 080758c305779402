import { saysYes, type Conversation, type ConversationSummary } from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import type { AuthUser } from '../../auth/auth.js';
import { oid } from '../../db/object-id.js';
import {
  ConversationModel,
  MembershipModel,
  type ConversationDoc,
  type MembershipDoc,
} from './conversation.model.js';
import { accessConversation } from './conversations.policy.js';
import {
  presentConversationOne,
  presentConversations,
  withReadState,
} from './conversations.presenter.js';
import { readCounts } from './read-state.service.js';
import { latestSeq } from './sequence.js';
import { blockedIdsOf } from '../blocks/index.js';

/**
 * Reading a person's conversations: which they are in, which they may read, their list with
 * unread counts. Changes live by subject: channels.service.ts, dms.service.ts,
 * membership.service.ts, people.service.ts, default-channels.ts.
 */

export async function conversationIdsOf(userId: string): Promise<Types.ObjectId[]> {
  const ms = await MembershipModel.find({ userId: oid(userId) }, { conversationId: 1 }).lean();
  return ms.map((m) => m.conversationId);
}

/** Ids of every conversation the person may read (search filters by these). */
export async function visibleConversationIds(user: AuthUser): Promise<string[]> {
  const ids = new Set((await conversationIdsOf(user.id)).map(String));
  if (saysYes(user, 'channel.browsePublic')) {
    const pub = await ConversationModel.find(
      { kind: 'channel', visibility: 'public' },
      { _id: 1 },
    ).lean();
    for (const c of pub) ids.add(String(c._id));
  }
  return [...ids];
}

export async function listMine(user: AuthUser): Promise<ConversationSummary[]> {
  const memberships = (await MembershipModel.find({
    userId: oid(user.id),
  }).lean()) as MembershipDoc[];
  const ids = memberships.map((m) => m.conversationId);
  const convs = (await ConversationModel.find({ _id: { $in: ids } }).lean()) as ConversationDoc[];
  const presented = await presentConversations(convs);
  // One read of the block list for the whole list, and only if some conversation has news.
  let blocked: Promise<Types.ObjectId[]> | undefined;
  const blockedIds = () => (blocked ??= blockedIdsOf(user.id));
  const byId = new Map(memberships.map((m) => [String(m.conversationId), m]));
  return Promise.all(
    convs.map(async (c, i) => {
      const m = byId.get(String(c._id))!;
      return withReadState(
        presented[i]!,
        await readCounts(user.id, c._id, m.readSeq, await latestSeq(c._id), blockedIds),
      );
    }),
  );
}

export async function summaryFor(
  userId: string,
  conv: ConversationDoc,
): Promise<ConversationSummary> {
  const m = await MembershipModel.findOne({ conversationId: conv._id, userId: oid(userId) }).lean();
  const readSeq = m?.readSeq ?? 0;
  return withReadState(
    await presentConversationOne(conv),
    await readCounts(userId, conv._id, readSeq, await latestSeq(conv._id), () =>
      blockedIdsOf(userId),
    ),
  );
}

export async function getConversation(
  user: AuthUser,
  id: string,
): Promise<{ conversation: Conversation; isMember: boolean }> {
  const { conv, membership } = await accessConversation(user, id);
  return { conversation: await presentConversationOne(conv), isMember: !!membership };
}
