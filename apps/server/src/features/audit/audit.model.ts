import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * Moderator and account decisions. Append-only: entries are never edited, except that an
 * erased person's id is replaced by a random pseudonym (proof of lawful processing stays,
 * the person does not). `details` holds codes and ids only, never names, e-mails or free text.
 */
const auditSchema = new Schema(
  {
    at: { type: Date, required: true },
    actorId: { type: Schema.Types.ObjectId, default: null },
    actorPseudonym: { type: String, default: null },
    action: { type: String, required: true },
    targetType: { type: String, required: true },
    targetId: { type: String, default: null },
    targetPseudonym: { type: String, default: null },
    details: { type: Schema.Types.Mixed, default: {} },
    /** The staff member's reason (free text, so never in `details`). */
    reason: { type: String, default: null },
  },
  { versionKey: false },
);
auditSchema.index({ at: -1 });
auditSchema.index({ actorId: 1 });
auditSchema.index({ targetId: 1 });

export type AuditDoc = InferSchemaType<typeof auditSchema> & { _id: Types.ObjectId };
export const AuditModel = mongoose.model('AuditEntry', auditSchema, 'auditentries');
