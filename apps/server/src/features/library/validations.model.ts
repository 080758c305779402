import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

const { ObjectId } = Schema.Types;

/** "We tried this too": one per person and entry, with where it was tried. */
const libraryValidationSchema = new Schema(
  {
    entryId: { type: ObjectId, required: true },
    userId: { type: ObjectId, required: true },
    /** The municipality where it was tried (default: the person's own); null if none. */
    municipalityCode: { type: String, default: null },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// Once per person (a repeat is the same validation) and the entry's list: one equality.
libraryValidationSchema.index({ entryId: 1, userId: 1 }, { unique: true });
// Export and erasure.
libraryValidationSchema.index({ userId: 1 });

export type LibraryValidationDoc = InferSchemaType<typeof libraryValidationSchema> & {
  _id: Types.ObjectId;
};
export const LibraryValidationModel = mongoose.model(
  'LibraryValidation',
  libraryValidationSchema,
  'library_validations',
);
