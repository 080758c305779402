import mongoose from 'mongoose';
import { ConversationModel, SeqClaimModel } from '../features/conversations/conversation.model.js';
import { pageKeys } from '../features/conversations/message-keys.js';
import { MessageModel } from '../features/conversations/message.model.js';
import { clientId } from './sockets.js';

/**
 * A long-lived conversation's history stored at once, as months of talk would have left it:
 * messages numbered 1..count with their page keys and number claims, the conversation's hint at
 * the newest. With `thread`, the messages numbered in `replySeqs` are replies to the one at
 * `rootSeq` (whose reply count says so).
 */
export async function storeHistory(
  conversation: string,
  count: number,
  opts: {
    authorIds: string[];
    text: string;
    thread?: { rootSeq: number; replySeqs: Set<number> };
  },
): Promise<{ seqs: number[]; rootId: mongoose.Types.ObjectId }> {
  const conversationId = new mongoose.Types.ObjectId(conversation);
  const rootId = new mongoose.Types.ObjectId();
  const { thread } = opts;
  const docs = Array.from({ length: count }, (_, i) => {
    const seq = i + 1;
    const threadRootId = thread?.replySeqs.has(seq) ? rootId : null;
    return {
      ...(seq === thread?.rootSeq ? { _id: rootId, replyCount: thread.replySeqs.size } : {}),
      conversationId,
      threadRootId,
      seq,
      changeSeq: seq,
      ...pageKeys({ conversationId, threadRootId, seq, changeSeq: seq }),
      clientId: clientId(),
      authorId: new mongoose.Types.ObjectId(opts.authorIds[i % opts.authorIds.length]),
      text: `${opts.text} ${seq}`,
      createdAt: new Date(),
    };
  });
  await MessageModel.insertMany(docs);
  await SeqClaimModel.insertMany(docs.map(({ seq }) => ({ conversationId, seq })));
  await ConversationModel.updateOne({ _id: conversationId }, { $set: { seqHint: count } });
  return { seqs: docs.map((d) => d.seq), rootId };
}
