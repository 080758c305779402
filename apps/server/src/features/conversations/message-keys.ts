import type { Types } from 'mongoose';

/*
 * Flat history and sync (docs/decisions.md, "Flat history"). FerretDB pushes only equality on
 * strings, ObjectIds and integers down to PostgreSQL (not null, not ranges, not sorts), so a
 * page read by `{conversationId, seq: {$lt}}` fetched every message of the conversation and
 * sorted them in FerretDB's process: 1 s a page at 10,000 messages, minutes at 1,000,000.
 * Every message therefore carries two string keys naming a block of PAGE_BLOCK numbers:
 * - `pageKey`: conversation, thread (or "top" for the main timeline) and block of its `seq`;
 * - `changeKey`: conversation and block of its `changeSeq` (moves with every change).
 * A page reads whole blocks by equality, newest or oldest first, until it has enough; the
 * range within a block is then a filter over at most PAGE_BLOCK rows. On MongoDB the same
 * keys are served by their own indexes.
 */
export const PAGE_BLOCK = 128;

export const blockOf = (n: number) => Math.floor(n / PAGE_BLOCK);

/** The key of one block of a timeline (the main one, or a thread's replies). */
export const pageKeyOfBlock = (
  conversationId: Types.ObjectId,
  threadRootId: Types.ObjectId | null | undefined,
  block: number,
) => `${String(conversationId)}:${threadRootId ? String(threadRootId) : 'top'}:${block}`;

/** The key of one block of a conversation's change numbers. */
export const changeKeyOfBlock = (conversationId: Types.ObjectId, block: number) =>
  `${String(conversationId)}:${block}`;

export const changeKeyOf = (conversationId: Types.ObjectId, changeSeq: number) =>
  changeKeyOfBlock(conversationId, blockOf(changeSeq));

/** Both keys of a message document with these numbers (insert, migration). */
export const pageKeys = (m: {
  conversationId: Types.ObjectId;
  threadRootId?: Types.ObjectId | null;
  seq: number;
  changeSeq: number;
}) => ({
  pageKey: pageKeyOfBlock(m.conversationId, m.threadRootId, blockOf(m.seq)),
  changeKey: changeKeyOf(m.conversationId, m.changeSeq),
});
