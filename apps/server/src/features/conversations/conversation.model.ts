import { bumpAccessStampOnWrite } from '../../db/access-stamp.js';
import { CHANNEL_VISIBILITIES, CONVERSATION_KINDS } from '@yhteistyotila/protocol';
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

const { ObjectId } = Schema.Types;

const conversationSchema = new Schema(
  {
    /**
     * Unique identity: `slug:<slug>` for channels created at start, `dm:<sorted ids>` for DMs
     * (so the same people reuse one DM, even when two tabs open it at once), `c:<id>` otherwise.
     */
    key: { type: String, required: true },
    kind: { type: String, enum: CONVERSATION_KINDS, required: true },
    visibility: { type: String, enum: CHANNEL_VISIBILITIES, required: true },
    name: { type: String, default: '' },
    /** Lower-cased name, for the "name already taken" check. */
    nameKey: { type: String, default: '' },
    topic: { type: String, default: '' },
    description: { type: String, default: '' },
    category: { type: String, default: '' },
    regionId: { type: String, default: null },
    isDefault: { type: Boolean, default: false },
    /** Seeded channels: the key of their texts in every language (protocol default-channels). */
    defaultKey: { type: String, default: null },
    /** Translated fields someone changed since seeding: shown as written, not translated. */
    customised: { type: [String], default: [] },
    /** New people are added to these on their first connection. */
    autoJoin: { type: Boolean, default: false },
    archived: { type: Boolean, default: false },
    createdBy: { type: ObjectId, default: null },
    memberCount: { type: Number, default: 0 },
    /** DMs only. */
    participantIds: { type: [ObjectId], default: [] },
    /**
     * DMs only: how many participants erased their accounts (a number, never who: erasure
     * leaves no trace of the person). They still show as "deleted user" and count as members.
     */
    erasedParticipants: { type: Number, default: 0 },
    lastMessageAt: { type: Date, default: null },
    /**
     * A hint of the conversation's highest number handed out (its claims are the truth:
     * SeqClaimModel), written with `lastMessageAt` (conversation-activity.ts). Conversations
     * stored before it was kept here have no field: their hint is the legacy counter document.
     */
    seqHint: { type: Number, default: 0 },
  },
  { timestamps: true },
);
conversationSchema.index({ key: 1 }, { unique: true });
conversationSchema.index({ kind: 1, visibility: 1 });

export type ConversationDoc = InferSchemaType<typeof conversationSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
// Access fields (kind, visibility, archived, participants) decide sends; the rest is harmless.
bumpAccessStampOnWrite(conversationSchema, [
  'lastMessageAt',
  'seqHint',
  'memberCount',
  'name',
  'nameKey',
  'topic',
  'description',
  'category',
  'customised',
]);
export const ConversationModel = mongoose.model('Conversation', conversationSchema);

const membershipSchema = new Schema(
  {
    conversationId: { type: ObjectId, required: true },
    userId: { type: ObjectId, required: true },
    joinedAt: { type: Date, required: true, default: () => new Date() },
    /** Highest seq the person has read (last-read line, unread counts). */
    readSeq: { type: Number, default: 0 },
  },
  { versionKey: false },
);
membershipSchema.index({ userId: 1, conversationId: 1 }, { unique: true });
membershipSchema.index({ conversationId: 1, userId: 1 });

export type MembershipDoc = InferSchemaType<typeof membershipSchema> & { _id: Types.ObjectId };
// Joining, leaving and removal change who may write; a read mark does not.
bumpAccessStampOnWrite(membershipSchema, ['readSeq']);
export const MembershipModel = mongoose.model('ConversationMembership', membershipSchema);

/**
 * Legacy: where a conversation's number hint was kept before it moved into the conversation
 * (`seqHint`); read only for conversations stored before, which have no `seqHint` yet.
 */
const counterSchema = new Schema(
  { _id: { type: ObjectId, required: true }, value: { type: Number, default: 0 } },
  { versionKey: false },
);
export const CounterModel = mongoose.model('ConversationCounter', counterSchema);

/** Marks that a person's first-connection auto-joins ran (so leaving a default channel sticks). */
const initSchema = new Schema(
  { _id: { type: ObjectId, required: true }, at: { type: Date, default: () => new Date() } },
  { versionKey: false },
);
export const ChannelInitModel = mongoose.model('ConversationInit', initSchema);

/**
 * One document per number handed out, under a unique index. Why not just `$inc` the counter:
 * measured on FerretDB 1.24 (PostgreSQL), 50 concurrent `findOneAndUpdate($inc)` on one
 * document returned 7 distinct values and left the counter at 4. A unique-index insert is the
 * one write that is atomic on both FerretDB and MongoDB, so a number belongs to whoever
 * inserted its claim. The conversation's `seqHint` is only a hint of where to start.
 */
const seqClaimSchema = new Schema(
  { conversationId: { type: ObjectId, required: true }, seq: { type: Number, required: true } },
  { versionKey: false },
);
seqClaimSchema.index({ conversationId: 1, seq: 1 }, { unique: true });
export const SeqClaimModel = mongoose.model('ConversationSeqClaim', seqClaimSchema);
