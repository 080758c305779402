import { LIBRARY_STATUSES } from '@yhteistyotila/protocol';
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

const { ObjectId } = Schema.Types;

/**
 * An entry's search terms, in chunks. A long body has thousands of terms, and FerretDB on
 * PostgreSQL indexes a MongoDB multikey index as one btree row holding the whole array, which
 * PostgreSQL refuses past 2,704 bytes (docs/decisions.md, "Library search terms in chunks").
 * Each chunk stays well under that, so every entry is searchable however long it is, with the
 * same equality lookups on `terms` as messages (GIN twin on FerretDB, multikey on MongoDB).
 */
const libraryTermsSchema = new Schema(
  {
    entryId: { type: ObjectId, required: true },
    /** The revision whose content the terms were built from (older chunks are replaced). */
    revision: { type: Number, required: true },
    /** The entry's status, copied so that a lookup is narrowed to what readers may find. */
    status: { type: String, enum: LIBRARY_STATUSES, required: true },
    terms: { type: [String], default: [] },
    /** The analyzer and rules that built them (search's terms version): re-indexed when it changes. */
    version: { type: String, required: true },
  },
  { versionKey: false },
);
libraryTermsSchema.index({ terms: 1, status: 1 });
libraryTermsSchema.index({ entryId: 1, revision: 1 });
libraryTermsSchema.index({ version: 1 });

export type LibraryTermsDoc = InferSchemaType<typeof libraryTermsSchema> & { _id: Types.ObjectId };
export const LibraryTermsModel = mongoose.model(
  'LibraryTerms',
  libraryTermsSchema,
  'library_entry_terms',
);
