import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const { ObjectId } = Schema.Types;

/**
 * One row per starting entry ever loaded, kept for good: the unique `seedKey` is the claim that
 * makes exactly one process create the entry, and the row's presence is what stops a later
 * start from bringing back an entry an admin deleted (or overwriting one the members edited).
 */
const seedLoadSchema = new Schema(
  {
    seedKey: { type: String, required: true },
    /** The entry created for it; null while the claiming process creates it (or if it died). */
    entryId: { type: ObjectId, default: null },
    claimedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
seedLoadSchema.index({ seedKey: 1 }, { unique: true });

export type SeedLoadDoc = InferSchemaType<typeof seedLoadSchema>;
export const SeedLoadModel = mongoose.model(
  'LibrarySeedLoad',
  seedLoadSchema,
  'library_seed_loads',
);
