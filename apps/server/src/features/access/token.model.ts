import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

export const TOKEN_PURPOSES = [
  'verify-email',
  'join-status',
  'set-password',
  'reset-password',
  'first-admin',
] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/** Single-use links. Only the sha256 of a token is stored; the token itself lives in the mail. */
const tokenSchema = new Schema(
  {
    hash: { type: String, required: true },
    purpose: { type: String, enum: TOKEN_PURPOSES, required: true },
    requestId: { type: Schema.Types.ObjectId, default: null },
    userId: { type: Schema.Types.ObjectId, default: null },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    /** Set when a later change of password voided this link (it then says TOKEN_REVOKED). */
    revokedAt: { type: Date, default: null },
  },
  { versionKey: false },
);
tokenSchema.index({ hash: 1 }, { unique: true });
tokenSchema.index({ userId: 1 });
tokenSchema.index({ requestId: 1 });
tokenSchema.index({ expiresAt: 1 });

export type TokenDoc = InferSchemaType<typeof tokenSchema> & { _id: Types.ObjectId };
export const TokenModel = mongoose.model('AccessToken', tokenSchema, 'accesstokens');
