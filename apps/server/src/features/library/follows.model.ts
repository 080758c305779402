import mongoose, { Schema } from 'mongoose';

const { ObjectId } = Schema.Types;

/**
 * A person following a library entry (told when someone saves or publishes it). One row per
 * person and entry under the unique (entryId, userId) index: the automatic follow of an author
 * or editor is an insert that loses to any row already there, so an explicit "stop following"
 * (`following: false`) outlives the person's next edit.
 */
const libraryFollowSchema = new Schema(
  {
    entryId: { type: ObjectId, required: true },
    userId: { type: ObjectId, required: true },
    following: { type: Boolean, required: true },
    /** When the row took its current `following` (a change before it is not theirs to hear). */
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// One per person and entry; the followers of an entry are read by its entryId (one equality).
libraryFollowSchema.index({ entryId: 1, userId: 1 }, { unique: true });
// Export and erasure.
libraryFollowSchema.index({ userId: 1 });

export const LibraryFollowModel = mongoose.model(
  'LibraryFollow',
  libraryFollowSchema,
  'library_follows',
);
