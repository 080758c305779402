import { MAX_UNREAD_COUNT, rooms, type ReadState } from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import type { Facts } from '../../realtime/facts.js';
import type { AuthUser } from '../../auth/auth.js';
import { MembershipModel } from './conversation.model.js';
import { MessageModel } from './message.model.js';
import { changeOwnMembership } from './conversations.policy.js';
import { oid } from '../../db/object-id.js';
import { latestSeq } from './sequence.js';
import { blockedIdsOf } from '../blocks/index.js';

export interface ReadCounts {
  readSeq: number;
  unreadCount: number;
  mentionCount: number;
}

/**
 * Unread = top-level messages above the read mark, not the reader's own, not deleted, not by
 * people the reader blocked (`blockedIds`, from blockedIdsOf). Mentions count thread replies too (a
 * mention in a thread must not go unnoticed). `latest` (highest stored seq) lets the caller skip
 * both queries when nothing happened since the mark.
 */
export async function readCounts(
  userId: string,
  conversationId: Types.ObjectId,
  readSeq: number,
  latest: number | undefined,
  blockedIds: () => Promise<Types.ObjectId[]>,
): Promise<ReadCounts> {
  if (latest !== undefined && latest <= readSeq)
    return { readSeq, unreadCount: 0, mentionCount: 0 };
  const uid = oid(userId);
  // Asked only when there is something to count: a list of read conversations reads no blocks.
  const blocked = await blockedIds();
  // Plain $ne when nobody is blocked: the common case keeps its old query.
  const notBlocked = blocked.length ? { authorId: { $nin: blocked } } : {};
  const [unreadCount, mentionCount] = await Promise.all([
    MessageModel.countDocuments(
      {
        conversationId,
        threadRootId: null,
        seq: { $gt: readSeq },
        authorId: blocked.length ? { $nin: [uid, ...blocked] } : { $ne: uid },
        deletedAt: null,
      },
      { limit: MAX_UNREAD_COUNT },
    ),
    MessageModel.countDocuments(
      { conversationId, mentions: uid, seq: { $gt: readSeq }, deletedAt: null, ...notBlocked },
      { limit: MAX_UNREAD_COUNT },
    ),
  ]);
  return { readSeq, unreadCount, mentionCount };
}

/**
 * Moves the read mark forward only (two tabs marking at once never move it back). The move is
 * keyed by the person's own membership, which it proves (changeOwnMembership): no read first.
 */
export async function markRead(
  facts: Facts,
  user: AuthUser,
  conversationId: string,
  seq: number,
): Promise<ReadState> {
  let counter = 0;
  const { conv, membership, changed } = await changeOwnMembership(
    user,
    conversationId,
    async (conv, mine) => {
      counter = await latestSeq(conv._id);
      const target = Math.min(seq, counter);
      return MembershipModel.findOneAndUpdate(
        { ...mine, readSeq: { $lt: target } },
        { $set: { readSeq: target } },
        { returnDocument: 'after' },
      ).lean();
    },
  );
  const counts = await readCounts(user.id, conv._id, membership.readSeq, counter, () =>
    blockedIdsOf(user.id),
  );
  const readState: ReadState = { conversationId, ...counts };
  // Every tab and device of the reader moves its last-read line and badge.
  if (changed) facts.add(rooms.user(user.id), 'readState:updated', { readState });
  return readState;
}
