import {
  APPROVE_ROLES,
  JOIN_REQUEST_STATUSES,
  LANGUAGES,
  REJECT_REASONS,
} from '@yhteistyotila/protocol';
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

const joinRequestSchema = new Schema(
  {
    name: { type: String, required: true, maxlength: 100 },
    /** Lower-cased. Not unique: a rejected person may ask again; open requests are found by it. */
    email: { type: String, required: true, maxlength: 254 },
    municipalityCode: { type: String, required: true },
    association: { type: String, default: '' },
    parentRole: { type: String, default: '' },
    motivation: { type: String, default: '' },
    language: { type: String, enum: LANGUAGES, required: true },
    status: { type: String, enum: JOIN_REQUEST_STATUSES, required: true, default: 'unverified' },
    createdAt: { type: Date, required: true },
    verifiedAt: { type: Date, default: null },
    claimedBy: { type: Schema.Types.ObjectId, default: null },
    claimExpiresAt: { type: Date, default: null },
    decidedBy: { type: Schema.Types.ObjectId, default: null },
    decidedAt: { type: Date, default: null },
    /** member / expert (a member with the expert capability) / guest (a guest expert). */
    approvedRole: { type: String, enum: [...APPROVE_ROLES, null], default: null },
    guestUntil: { type: Date, default: null },
    /** Conversations chosen at approval; the conversations feature acts on them (onUserApproved). */
    channelIds: { type: [String], default: [] },
    rejectReason: { type: String, enum: [...REJECT_REASONS, null], default: null },
    /** Internal free-text reason; erased with the request. */
    rejectText: { type: String, default: '' },
    userId: { type: Schema.Types.ObjectId, default: null },
    /** Last reminder mail to moderators about this request (at most one per period). */
    remindedAt: { type: Date, default: null },
  },
  { versionKey: false },
);
joinRequestSchema.index({ email: 1 });
joinRequestSchema.index({ status: 1, createdAt: 1 });
joinRequestSchema.index({ userId: 1 });

export type JoinRequestDoc = InferSchemaType<typeof joinRequestSchema> & { _id: Types.ObjectId };
export const JoinRequestModel = mongoose.model('JoinRequest', joinRequestSchema, 'joinrequests');
