import { SYSTEM_AUTHORS } from '@yhteistyotila/protocol';
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

const { ObjectId } = Schema.Types;

const reactionSchema = new Schema(
  { emoji: { type: String, required: true }, userIds: { type: [ObjectId], default: [] } },
  { _id: false },
);
const editSchema = new Schema(
  { text: { type: String, required: true }, editedAt: { type: Date, required: true } },
  { _id: false },
);

const messageSchema = new Schema(
  {
    conversationId: { type: ObjectId, required: true },
    /** Counter value at creation. */
    seq: { type: Number, required: true },
    /** Counter value of the latest change; also the optimistic-concurrency version. */
    changeSeq: { type: Number, required: true },
    /** Equality keys of history pages and catch-up (message-keys.ts, "flat history"). */
    pageKey: { type: String, required: true },
    changeKey: { type: String, required: true },
    clientId: { type: String, required: true },
    /** null once the author's account is erased with "keep messages as deleted user". */
    authorId: { type: ObjectId, default: null },
    /** A message the workspace posted, no person (messages.service.ts sendSystemMessage). */
    systemAuthor: { type: String, enum: [...SYSTEM_AUTHORS, null], default: null },
    text: { type: String, default: '' },
    mentions: { type: [ObjectId], default: [] },
    threadRootId: { type: ObjectId, default: null },
    replyCount: { type: Number, default: 0 },
    threadParticipantIds: { type: [ObjectId], default: [] },
    lastReplyAt: { type: Date, default: null },
    /** seq of the newest reply (followed-threads unread check). */
    lastReplySeq: { type: Number, default: 0 },
    reactions: { type: [reactionSchema], default: [] },
    pinned: { type: Boolean, default: false },
    pinnedBy: { type: ObjectId, default: null },
    edits: { type: [editSchema], default: [] },
    editedAt: { type: Date, default: null },
    deletedAt: { type: Date, default: null },
    deletedBy: { type: ObjectId, default: null },
    /** A moderator removed someone else's message (removal.ts); the reason is told to the author only. */
    removedByModerator: { type: Boolean, default: false },
    removalReason: { type: String, default: null },
    /** Base forms for search (features/search analyzeForIndex); [] once deleted. */
    terms: { type: [String], default: [] },
    createdAt: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false },
);
// A retried send finds the stored message instead of making a second copy.
messageSchema.index({ authorId: 1, clientId: 1 }, { unique: true });
// Timeline and thread pages, and catch-up by watermark: a block of numbers by equality
// (message-keys.ts), then the range within it.
messageSchema.index({ pageKey: 1, seq: -1 });
messageSchema.index({ changeKey: 1, changeSeq: 1 });
// Unread counts (threadRootId null = main timeline).
messageSchema.index({ conversationId: 1, threadRootId: 1, seq: -1 });
messageSchema.index({ conversationId: 1, seq: -1 });
// Mention counts.
messageSchema.index({ conversationId: 1, mentions: 1, seq: 1 });
messageSchema.index({ conversationId: 1, pinned: 1 });
messageSchema.index({ terms: 1 });

export type MessageDoc = InferSchemaType<typeof messageSchema> & { _id: Types.ObjectId };
export const MessageModel = mongoose.model('Message', messageSchema);

const followSchema = new Schema(
  {
    userId: { type: ObjectId, required: true },
    threadRootId: { type: ObjectId, required: true },
    conversationId: { type: ObjectId, required: true },
    following: { type: Boolean, default: true },
    /** Highest reply seq read. */
    readSeq: { type: Number, default: 0 },
    updatedAt: { type: Date, default: () => new Date() },
  },
  { versionKey: false },
);
followSchema.index({ userId: 1, threadRootId: 1 }, { unique: true });
followSchema.index({ userId: 1, following: 1 });

export type ThreadFollowDoc = InferSchemaType<typeof followSchema> & { _id: Types.ObjectId };
export const ThreadFollowModel = mongoose.model('ThreadFollow', followSchema);
