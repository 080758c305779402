import { NOTICE_KINDS, NOTICE_TEMPLATES } from '@yhteistyotila/protocol';
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

const { ObjectId } = Schema.Types;

/** A note or a warning from the moderators to one person: kept for them to read again. */
const noticeSchema = new Schema(
  {
    userId: { type: ObjectId, required: true },
    /** The moderator who sent it; null once their account is erased. */
    byId: { type: ObjectId, default: null },
    kind: { type: String, enum: NOTICE_KINDS, required: true },
    template: { type: String, enum: [...NOTICE_TEMPLATES, null], default: null },
    text: { type: String, default: null },
    /** Staff's reason for the step (not shown to the recipient; in their data export). */
    reason: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
noticeSchema.index({ userId: 1, at: -1 });
noticeSchema.index({ byId: 1 });

export type NoticeDoc = InferSchemaType<typeof noticeSchema> & { _id: Types.ObjectId };
export const NoticeModel = mongoose.model('ModerationNotice', noticeSchema, 'moderationnotices');
