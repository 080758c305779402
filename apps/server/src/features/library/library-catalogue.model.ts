import mongoose, { Schema, type Types } from 'mongoose';

/**
 * One document per catalogue (`published`): a stamp that every write to the library's entries
 * replaces (library-entry.model.ts's hooks). A process keeps the published entries' facets in
 * memory under the stamp it read, and reads the stamp again by `_id` equality on every browse
 * (library.catalogue.ts), so another process's write is seen at the next browse.
 */
const libraryCatalogueSchema = new Schema(
  {
    _id: { type: String, required: true },
    stamp: { type: Schema.Types.ObjectId, required: true },
    /** Replaced when search terms were rebuilt without a new revision (library.reindex.ts). */
    termsStamp: { type: Schema.Types.ObjectId, default: null },
  },
  { versionKey: false },
);

export interface LibraryCatalogueDoc {
  _id: string;
  stamp: Types.ObjectId;
  termsStamp?: Types.ObjectId | null;
}
export const LibraryCatalogueModel = mongoose.model(
  'LibraryCatalogue',
  libraryCatalogueSchema,
  'library_catalogue',
);

/** The published catalogue's stamp document. */
export const PUBLISHED_CATALOGUE = 'published';

/**
 * A new stamp: after the write it follows, so a reader that read the old stamp before loading
 * reloads at its next browse. Two first upserts at once: the loser's insert fails on `_id`, and
 * it sets its stamp on the winner's document.
 */
export async function touchCatalogue(options: { terms?: boolean } = {}): Promise<void> {
  const stamp = new mongoose.Types.ObjectId();
  const update = { $set: options.terms ? { stamp, termsStamp: stamp } : { stamp } };
  try {
    await LibraryCatalogueModel.updateOne({ _id: PUBLISHED_CATALOGUE }, update, { upsert: true });
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code !== 11000) throw err;
    await LibraryCatalogueModel.updateOne({ _id: PUBLISHED_CATALOGUE }, update);
  }
}
