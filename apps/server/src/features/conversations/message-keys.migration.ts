import { bulkWriteInChunks } from '../../db/bulk-write.js';
import type { Migration } from '../../db/migrations.js';
import { pageKeys } from './message-keys.js';
import { MessageModel, type MessageDoc } from './message.model.js';

/**
 * Gives messages stored before flat history (message-keys.ts) their page and change keys, one
 * conversation at a time: an equality on conversationId is what FerretDB can narrow by, and no
 * cursor stays open while writing (FerretDB 1.24 on PostgreSQL stopped answering when a cursor
 * over the collection was open during these updates). A message that changed between read and
 * write (its changeSeq moved) is read again in the next pass.
 */
export const messageKeysMigration: Migration = {
  id: '2026-12-01-message-page-keys',
  async up(log) {
    const conversations = (await MessageModel.distinct(
      'conversationId',
    )) as MessageDoc['conversationId'][];
    let written = 0;
    for (const conversationId of conversations) {
      for (;;) {
        const missing = (await MessageModel.find(
          { conversationId, pageKey: { $exists: false } },
          { conversationId: 1, threadRootId: 1, seq: 1, changeSeq: 1 },
        ).lean()) as MessageDoc[];
        if (!missing.length) break;
        const pass = await bulkWriteInChunks(
          MessageModel,
          missing.map((m) => ({
            updateOne: {
              filter: { _id: m._id, changeSeq: m.changeSeq },
              update: { $set: pageKeys(m) },
            },
          })),
        );
        // Nothing written although something is missing: not a race, a fault; stop here.
        if (!pass) throw new Error('messages: page keys could not be written');
        written += pass;
      }
    }
    if (written)
      log.info({ conversations: conversations.length, written }, 'messages: page keys added');
  },
};
