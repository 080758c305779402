import type { Types } from 'mongoose';
import { ConversationModel } from './conversation.model.js';

/**
 * A conversation's bookkeeping after a send: its last activity (the DM list's order) and the
 * hint of its highest number (sequence.ts). Neither is needed before the sender's ack, so both
 * wait here briefly and every conversation touched meanwhile is written in one `$max` bulk
 * write: a send costs a share of one command, not two updates of its own, and a busy channel
 * one update per ACTIVITY_WINDOW_MS. A process killed in that window loses at most that much of
 * the hint; the claims still keep numbers unique, and a stale hint costs the next claimer a
 * collision or two (sequence.ts). A clean stop writes what waits (flushConversationActivity).
 */
export const ACTIVITY_WINDOW_MS = 100;
/** FerretDB 1.24 hangs on an update command of more than about 50 statements (db/bulk-write.ts). */
const CHUNK = 25;

interface Fields {
  lastMessageAt?: Date;
  seqHint?: number;
}
const pending = new Map<string, { conversationId: Types.ObjectId; fields: Fields }>();
let timer: NodeJS.Timeout | null = null;
let writing: Promise<void> = Promise.resolve();

export function touchConversation(conversationId: Types.ObjectId, fields: Fields): void {
  const key = String(conversationId);
  const waiting = pending.get(key);
  pending.set(key, { conversationId, fields: waiting ? merged(waiting.fields, fields) : fields });
  timer ??= setTimeout(() => void flushConversationActivity(), ACTIVITY_WINDOW_MS).unref();
}

const merged = (a: Fields, b: Fields): Fields => ({
  ...a,
  ...b,
  ...(a.lastMessageAt &&
    b.lastMessageAt && {
      lastMessageAt: a.lastMessageAt > b.lastMessageAt ? a.lastMessageAt : b.lastMessageAt,
    }),
  ...(a.seqHint !== undefined &&
    b.seqHint !== undefined && { seqHint: Math.max(a.seqHint, b.seqHint) }),
});

/** Writes everything waiting, after any write already under way (one at a time). */
export function flushConversationActivity(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const due = [...pending.values()];
  pending.clear();
  writing = writing.then(() => write(due));
  return writing;
}

async function write(due: { conversationId: Types.ObjectId; fields: Fields }[]): Promise<void> {
  const ops = due.map(({ conversationId, fields }) => ({
    updateOne: {
      filter: { _id: conversationId },
      update: { $max: fields, $set: { updatedAt: new Date() } },
    },
  }));
  for (let i = 0; i < ops.length; i += CHUNK) {
    // Through the collection: a bulk write through the model replaces the access stamp, and
    // these are the fields that never change who may write where (conversation.model.ts).
    // A failure is harmless (a hint, a sort order) and must not stop the next chunk.
    // eslint-disable-next-line no-restricted-syntax -- harmless fields only, see above
    await ConversationModel.collection
      .bulkWrite(ops.slice(i, i + CHUNK), { ordered: false })
      .catch(() => undefined);
  }
}
