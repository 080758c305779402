import type { Types } from 'mongoose';
import { oid } from '../../db/object-id.js';
import { LruCache } from '../../lib/lru.js';
import { ConversationModel, type ConversationDoc } from './conversation.model.js';

/** What other features ask of a conversation on every message: is it a DM, its name, who is in it. */
export type ConversationSummary = Pick<ConversationDoc, '_id' | 'kind' | 'name' | 'participantIds'>;

/**
 * Kept for a minute from this process's own reads of the conversation (the send path's access
 * check reads it anyway), so a message's notification does not read it a second time. A DM's
 * participants never change; a channel's name may, and the summary forgets it within a minute.
 */
const summaries = new LruCache<string, { summary: ConversationSummary; at: number }>(5000);
const KEEP_MS = 60_000;

export function rememberSummary(doc: ConversationSummary): void {
  const { _id, kind, name, participantIds } = doc;
  summaries.set(String(_id), { summary: { _id, kind, name, participantIds }, at: Date.now() });
}

export async function conversationSummary(
  id: string | Types.ObjectId,
): Promise<ConversationSummary | null> {
  const hit = summaries.get(String(id));
  if (hit && Date.now() - hit.at < KEEP_MS) return hit.summary;
  const doc = await ConversationModel.findById(typeof id === 'string' ? oid(id) : id, {
    kind: 1,
    name: 1,
    participantIds: 1,
  }).lean<ConversationSummary>();
  if (doc) rememberSummary(doc);
  return doc;
}
