import { rooms, type Message } from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import { oid } from '../../db/object-id.js';
import { claimOnce } from '../../lib/once.js';
import type { Facts } from '../../realtime/facts.js';
import { recordAudit } from '../audit/index.js';
import { presentMessageOne } from './conversations.presenter.js';
import { MessageModel, type MessageDoc } from './message.model.js';
import { changeMessage } from './sequence.js';

/** The tombstone every delete leaves: the text and everything derived from it are gone. */
export const tombstone = (actorId: string) => ({
  text: '',
  mentions: [],
  // Search reads `terms` only: emptied, the removed words are found no more.
  terms: [],
  edits: [],
  reactions: [],
  pinned: false,
  pinnedBy: null,
  deletedAt: new Date(),
  deletedBy: oid(actorId),
});

/**
 * A moderator removes someone else's message (the "delete any" action, or resolving a report).
 * Authorisation is the caller's: readable for a plain delete; for a report, the report itself
 * (a reported DM message may be removed by a moderator who can read nothing else of the DM).
 * Exactly one audit record per message, even with two moderators pressing at once: decided by a
 * unique-index claim (lib/once.ts), not by the conditional update.
 */
export async function removeByModerator(
  facts: Facts,
  actor: AuthUser,
  message: MessageDoc,
  reason: string,
  details: { reportId?: string } = {},
): Promise<{ message: Message; changed: boolean }> {
  const { doc, changed } = await changeMessage(message._id, (m) =>
    m.deletedAt
      ? null
      : { ...tombstone(actor.id), removedByModerator: true, removalReason: reason },
  );
  const view = await presentMessageOne(doc);
  if (!changed) return { message: view, changed };
  // changeMessage serialises removals within a process; across processes two may both change
  // the message, and the claim lets exactly one of them write the audit record.
  if (await claimOnce(`message:removal:${String(doc._id)}`))
    await recordAudit({
      actorId: actor.id,
      action: 'message.remove',
      targetType: 'message',
      targetId: String(doc._id),
      reason,
      details: {
        conversationId: String(doc.conversationId),
        authorId: doc.authorId ? String(doc.authorId) : null,
        reportId: details.reportId ?? null,
      },
    });
  announceRemoval(facts, view, doc.authorId ? String(doc.authorId) : null, reason);
  return { message: view, changed };
}

/** Everyone hears "removed by a moderator"; the author's own sockets hear the reason too. */
function announceRemoval(
  facts: Facts,
  message: Message,
  authorId: string | null,
  reason: string,
): void {
  const room = rooms.conversation(message.conversationId);
  if (!authorId) {
    facts.add(room, 'message:updated', { message });
    return;
  }
  const author = rooms.user(authorId);
  facts.add(room, 'message:updated', { message }, { except: author });
  facts.add(author, 'message:updated', { message: { ...message, removalReason: reason } });
}

/**
 * The author's own copies carry the moderator's reason. Presented pages are shared between
 * readers (coalesced reads), so the reason is added per reader afterwards, and only the rare
 * page with a removed message of the reader's costs a read.
 */
export async function withOwnRemovalReasons(
  user: AuthUser,
  messages: Message[],
): Promise<Message[]> {
  const own = messages.filter((m) => m.removedByModerator && m.author?.id === user.id);
  if (!own.length) return messages;
  // By _id, one each: few, and an index lookup on FerretDB too (db/find-by-ids.ts).
  const docs = await Promise.all(
    own.map((m) => MessageModel.findById(oid(m.id), { removalReason: 1 }).lean()),
  );
  const reasons = new Map(
    docs.filter((d) => d !== null).map((d) => [String(d._id), d.removalReason ?? null]),
  );
  return messages.map((m) =>
    reasons.has(m.id) ? { ...m, removalReason: reasons.get(m.id) ?? null } : m,
  );
}
