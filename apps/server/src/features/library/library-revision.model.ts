import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { contentFields } from './library-content.model.js';

const { ObjectId } = Schema.Types;

/**
 * One saved version of an entry's content. Saving claims `(entryId, number)` by inserting under
 * the unique index: of two editors saving on the same base, exactly one insert succeeds, on
 * FerretDB and MongoDB alike (a compare-and-set update is not atomic on FerretDB, lib/once.ts).
 */
const libraryRevisionSchema = new Schema(
  {
    entryId: { type: ObjectId, required: true },
    number: { type: Number, required: true },
    ...contentFields,
    /** null once the editor's account was erased. */
    editorId: { type: ObjectId, default: null },
    createdAt: { type: Date, required: true },
    /** Typo-sized (the minor-edit rule): keeps the review stamp. */
    minor: { type: Boolean, default: false },
    restoredFrom: { type: Number, default: null },
  },
  { versionKey: false },
);
libraryRevisionSchema.index({ entryId: 1, number: 1 }, { unique: true });
libraryRevisionSchema.index({ editorId: 1 });

export type LibraryRevisionDoc = InferSchemaType<typeof libraryRevisionSchema> & {
  _id: Types.ObjectId;
};
export const LibraryRevisionModel = mongoose.model(
  'LibraryRevision',
  libraryRevisionSchema,
  'library_revisions',
);
