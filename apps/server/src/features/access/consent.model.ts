import { LANGUAGES } from '@yhteistyotila/protocol';
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * The consent ledger. Append-only: a record is never updated or deleted, except that erasing
 * an account replaces its ids by a random pseudonym (the proof stays, the person does not).
 * A record made from a join request gets the user id added when the request is approved.
 */
const consentSchema = new Schema(
  {
    requestId: { type: Schema.Types.ObjectId, default: null },
    userId: { type: Schema.Types.ObjectId, default: null },
    pseudonym: { type: String, default: null },
    version: { type: String, required: true },
    /** sha256 of the exact statement text shown (in that language). */
    textSha256: { type: String, required: true },
    language: { type: String, enum: LANGUAGES, required: true },
    context: { type: String, enum: ['join-request', 'first-admin', 'reconsent'], required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
consentSchema.index({ userId: 1 });
consentSchema.index({ requestId: 1 });

export type ConsentDoc = InferSchemaType<typeof consentSchema> & { _id: Types.ObjectId };
export const ConsentModel = mongoose.model('Consent', consentSchema, 'consents');
