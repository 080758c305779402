import { bumpAccessStampOnWrite } from '../../db/access-stamp.js';
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

const { ObjectId } = Schema.Types;

/**
 * A timed mute of one person in one channel. In force while `liftedAt` is null and `until` is
 * ahead: expiry is a comparison with the clock, no job has to run. Every send, reply and
 * reaction reads it by the equality key (userId, conversationId) only (FerretDB pushes equality
 * filters down; the date is compared in the process).
 */
const muteSchema = new Schema(
  {
    userId: { type: ObjectId, required: true },
    conversationId: { type: ObjectId, required: true },
    byId: { type: ObjectId, default: null },
    reason: { type: String, required: true },
    at: { type: Date, required: true },
    until: { type: Date, required: true },
    liftedAt: { type: Date, default: null },
    liftedById: { type: ObjectId, default: null },
    liftReason: { type: String, default: null },
  },
  { versionKey: false },
);
muteSchema.index({ userId: 1, conversationId: 1 });
muteSchema.index({ byId: 1 });
muteSchema.index({ liftedById: 1 });

export type MuteDoc = InferSchemaType<typeof muteSchema> & { _id: Types.ObjectId };
bumpAccessStampOnWrite(muteSchema);
export const MuteModel = mongoose.model('ChannelMute', muteSchema, 'channelmutes');
