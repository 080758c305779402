import { oid } from '../../db/object-id.js';
import { MembershipModel, MessageModel } from '../conversations/index.js';
import type { NotificationDoc } from './notification.model.js';

/** Kinds keyed `<kind>:<messageId>` whose message the read mark covers (a top-level message). */
const MESSAGE_KINDS = new Set(['mention', 'dm']);

/**
 * The rows (ids) whose message the person has read in its conversation since the row was made:
 * "no mail for what they have seen". A top-level message at or under the person's read mark is
 * seen; a thread reply is not covered by the mark and stays. Two reads, whatever the count.
 */
export async function seenMessageRows(
  recipientId: string,
  rows: NotificationDoc[],
): Promise<Set<string>> {
  const byMessage = new Map<string, string>();
  for (const n of rows) {
    const [kind, messageId] = n.key.split(':');
    if (kind && MESSAGE_KINDS.has(kind) && messageId && /^[0-9a-f]{24}$/.test(messageId)) {
      byMessage.set(messageId, String(n._id));
    }
  }
  if (!byMessage.size) return new Set();
  const messages = await MessageModel.find(
    { _id: { $in: [...byMessage.keys()].map(oid) } },
    { seq: 1, conversationId: 1, threadRootId: 1 },
  ).lean();
  const topLevel = messages.filter((m) => !m.threadRootId);
  if (!topLevel.length) return new Set();
  const marks = await MembershipModel.find(
    {
      userId: oid(recipientId),
      conversationId: { $in: [...new Set(topLevel.map((m) => String(m.conversationId)))].map(oid) },
    },
    { conversationId: 1, readSeq: 1 },
  ).lean();
  const readSeq = new Map(marks.map((m) => [String(m.conversationId), m.readSeq]));
  return new Set(
    topLevel
      .filter((m) => m.seq <= (readSeq.get(String(m.conversationId)) ?? 0))
      .map((m) => byMessage.get(String(m._id))!),
  );
}
