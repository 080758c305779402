import { REPORT_CATEGORIES, REPORT_STATUSES } from '@yhteistyotila/protocol';
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

const { ObjectId } = Schema.Types;

/**
 * A report and the snapshot of what it is about, taken when it was made. For a message in a
 * DM or a private channel the snapshot is all that moderators ever see of that conversation;
 * `conversationId` is kept for the removal and never shown for those.
 */
const reportSchema = new Schema(
  {
    targetType: { type: String, enum: ['message', 'profile', 'library-entry'], required: true },
    /** The message's, the person's or the library entry's id. */
    targetId: { type: ObjectId, required: true },
    /** The message's author, the reported person or the entry's author (null once erased). */
    targetUserId: { type: ObjectId, default: null },
    conversationId: { type: ObjectId, default: null },
    placeKind: {
      type: String,
      enum: ['public-channel', 'private-channel', 'dm', null],
      default: null,
    },
    /** A public channel's name; '' otherwise. */
    placeName: { type: String, default: '' },
    /** A seeded public channel's key, if its name was unchanged (the name then follows the reader). */
    placeDefaultKey: { type: String, default: null },
    snapshotText: { type: String, default: '' },
    writtenAt: { type: Date, default: null },
    category: { type: String, enum: REPORT_CATEGORIES, required: true },
    /** 0 for a child's personal data, 1 for the rest: the queue's first sort key. */
    urgency: { type: Number, required: true },
    note: { type: String, default: '' },
    /** null once the reporter's account was erased. */
    reporterId: { type: ObjectId, default: null },
    createdAt: { type: Date, required: true },
    status: { type: String, enum: REPORT_STATUSES, default: 'open' },
    claimedBy: { type: ObjectId, default: null },
    claimExpiresAt: { type: Date, default: null },
    resolvedBy: { type: ObjectId, default: null },
    resolvedAt: { type: Date, default: null },
    reason: { type: String, default: null },
  },
  { versionKey: false },
);
// The open queue in its order; a reporter's list; the people a report points at (erasure).
reportSchema.index({ status: 1, urgency: 1, createdAt: 1 });
reportSchema.index({ reporterId: 1, createdAt: -1 });
reportSchema.index({ targetUserId: 1 });

export type ReportDoc = InferSchemaType<typeof reportSchema> & { _id: Types.ObjectId };
export const ReportModel = mongoose.model('Report', reportSchema, 'reports');
