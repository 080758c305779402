import { LIBRARY_STATUSES } from '@yhteistyotila/protocol';
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { afterEveryWrite } from '../../lib/stamp.js';
import { touchCatalogue } from './library-catalogue.model.js';
import { contentFields } from './library-content.model.js';

const { ObjectId } = Schema.Types;

/** The body lives on the revisions only: browsing reads entries whole on FerretDB (it projects
 * in its own process), so an entry stays small however long its text is. */
const { body: _body, ...entryContentFields } = contentFields;

/**
 * A library entry with its current content but the body (the latest revision's, copied here
 * so that browsing reads one small collection). Revisions are the history: library-revision.model; the
 * search terms are in library-terms.model.
 */
const libraryEntrySchema = new Schema(
  {
    status: { type: String, enum: LIBRARY_STATUSES, required: true },
    /** The current revision's number (1-based). */
    revision: { type: Number, required: true },
    ...entryContentFields,
    /** null once the author's account was erased (a published entry stays: the community's text). */
    authorId: { type: ObjectId, default: null },
    /** Everyone else who saved a revision. */
    contributorIds: { type: [ObjectId], default: [] },
    /** Who saved the current revision. */
    editorId: { type: ObjectId, default: null },
    /** The expert stamp (review*.ts). `changedSince`: a non-minor revision came after it. */
    review: {
      type: new Schema(
        {
          revision: { type: Number, required: true },
          reviewerId: { type: ObjectId, default: null },
          reviewedAt: { type: Date, required: true },
          dueAt: { type: Date, required: true },
          changedSince: { type: Boolean, default: false },
        },
        { _id: false },
      ),
      default: null,
    },
    validationCount: { type: Number, default: 0 },
    needsUpdating: {
      type: new Schema(
        { reason: String, byId: { type: ObjectId, default: null }, at: Date },
        { _id: false },
      ),
      default: null,
    },
    /** The root message of the entry's discussion thread in the library channel. */
    discussionMessageId: { type: ObjectId, default: null },
    discussionConversationId: { type: ObjectId, default: null },
    /** "Save to library": where the draft came from. */
    origin: {
      type: new Schema({ conversationId: ObjectId, messageId: ObjectId }, { _id: false }),
      default: null,
    },
    /** Starting content's key (starting-content/), else null. */
    seedKey: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    publishedAt: { type: Date, default: null },
  },
  { versionKey: false },
);
// Browsing: the published entries (an equality on status narrows every hot read).
libraryEntrySchema.index({ status: 1, updatedAt: -1 });
// A person's drafts; erasure by author and contributor.
libraryEntrySchema.index({ authorId: 1, status: 1 });
libraryEntrySchema.index({ contributorIds: 1 });
libraryEntrySchema.index({ seedKey: 1 });
// Every write, whichever service or process makes it, replaces the catalogue's stamp, so no
// process browses from facets older than a write it could have seen (library.catalogue.ts).
afterEveryWrite(libraryEntrySchema, () => touchCatalogue());

export type LibraryEntryDoc = InferSchemaType<typeof libraryEntrySchema> & { _id: Types.ObjectId };
export const LibraryEntryModel = mongoose.model(
  'LibraryEntry',
  libraryEntrySchema,
  'library_entries',
);
