import { Types } from 'mongoose';
import { AppError, notFound } from '../../errors.js';
import { CounterModel } from './conversation.model.js';
import { MessageModel, type MessageDoc } from './message.model.js';

/**
 * Takes the next number of a conversation's one counter. Numbers are handed out before the
 * write that uses them, so they can have holes (a writer died, a retried send found its stored
 * copy, a lost compare-and-set) and, across processes, be stored out of order. Clients never
 * assume contiguity (docs/realtime.md).
 */
export async function nextSeq(conversationId: Types.ObjectId): Promise<number> {
  // No projection here: FerretDB 1.x does not support it in findOneAndUpdate.
  const doc = await CounterModel.findOneAndUpdate(
    { _id: conversationId },
    { $inc: { value: 1 } },
    { upsert: true, returnDocument: 'after' },
  ).lean();
  return (doc as { value: number }).value;
}

export async function currentSeq(conversationId: Types.ObjectId): Promise<number> {
  const doc = await CounterModel.findById(conversationId).lean();
  return (doc as { value?: number } | null)?.value ?? 0;
}

export async function currentSeqs(conversationIds: Types.ObjectId[]): Promise<Map<string, number>> {
  const docs = await CounterModel.find({ _id: { $in: conversationIds } }).lean();
  return new Map(docs.map((d) => [String(d._id), (d as { value?: number }).value ?? 0]));
}

const MAX_ATTEMPTS = 30;

/**
 * Changes one message with compare-and-set on its `changeSeq`: read, compute the new fields,
 * take a fresh number, write only if nobody changed the message in between (else retry).
 * So every stored state of a message has its own, strictly growing changeSeq, and a client
 * that keeps the highest changeSeq per id always ends with the latest state.
 * `mutate` returns null when there is nothing to change (idempotent commands).
 */
export async function changeMessage(
  messageId: Types.ObjectId,
  mutate: (doc: MessageDoc) => Record<string, unknown> | null,
): Promise<{ doc: MessageDoc; changed: boolean }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const doc = (await MessageModel.findById(messageId).lean()) as MessageDoc | null;
    if (!doc) throw notFound('message');
    const patch = mutate(doc);
    if (!patch) return { doc, changed: false };
    const seq = await nextSeq(doc.conversationId);
    const updated = (await MessageModel.findOneAndUpdate(
      { _id: messageId, changeSeq: doc.changeSeq },
      { $set: { ...patch, changeSeq: seq } },
      { returnDocument: 'after' },
    ).lean()) as MessageDoc | null;
    if (updated) return { doc: updated, changed: true };
    // Lost the race: back off a little (more with every attempt) and recompute.
    await new Promise((r) => setTimeout(r, Math.random() * 5 * (attempt + 1)));
  }
  throw new AppError('CONFLICT', 'message changed too often, try again');
}

export const oid = (id: string) => new Types.ObjectId(id);
