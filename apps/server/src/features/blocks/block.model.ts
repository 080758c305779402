import { bumpAccessStampOnWrite } from '../../db/access-stamp.js';
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * One person blocked another. The unique (blockerId, blockedId) index serves both the block list
 * and the send path's check (one equality read, see blocks.service.ts); blockedId's index serves
 * "who blocked this author" (mentions) and erasure.
 */
const blockSchema = new Schema(
  {
    blockerId: { type: Schema.Types.ObjectId, required: true },
    blockedId: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
blockSchema.index({ blockerId: 1, blockedId: 1 }, { unique: true });
blockSchema.index({ blockedId: 1 });

export type BlockDoc = InferSchemaType<typeof blockSchema> & { _id: Types.ObjectId };
bumpAccessStampOnWrite(blockSchema);
export const BlockModel = mongoose.model('Block', blockSchema, 'blocks');
