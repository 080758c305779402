import { LIBRARY_CREDIT_STATUSES } from '@yhteistyotila/protocol';
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

const { ObjectId } = Schema.Types;

/**
 * A person quoted in a message saved from chat to the library, asked whether they may be named
 * among the entry's contributors. Only `accepted` names are ever shown.
 */
const libraryCreditSchema = new Schema(
  {
    entryId: { type: ObjectId, required: true },
    /** The person quoted. */
    userId: { type: ObjectId, required: true },
    /** Who saved the message to the library; null once their account was erased. */
    requestedBy: { type: ObjectId, default: null },
    status: { type: String, enum: LIBRARY_CREDIT_STATUSES, required: true },
    createdAt: { type: Date, required: true },
    answeredAt: { type: Date, default: null },
  },
  { versionKey: false },
);
// One request per person and entry (a second save from chat asks nothing new).
libraryCreditSchema.index({ entryId: 1, userId: 1 }, { unique: true });
// A person's requests (the list they answer), export and erasure.
libraryCreditSchema.index({ userId: 1, createdAt: -1 });
libraryCreditSchema.index({ requestedBy: 1 });

export type LibraryCreditDoc = InferSchemaType<typeof libraryCreditSchema> & {
  _id: Types.ObjectId;
};
export const LibraryCreditModel = mongoose.model(
  'LibraryCredit',
  libraryCreditSchema,
  'library_credits',
);
