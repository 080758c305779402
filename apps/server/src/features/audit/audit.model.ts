import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * Moderator and account decisions. Append-only: entries are never edited, except that an
 * erased person's id is replaced by a random pseudonym (proof of lawful processing stays,
 * the person does not) and a staff-written `reason` is removed when its subject is erased or
 * its retention ends (decisions: "The audit log's reasons"). `details` holds codes and ids
 * only, never names, e-mails or free text.
 */
const auditSchema = new Schema(
  {
    at: { type: Date, required: true },
    /**
     * "YYYY-MM" of `at` (UTC). A date range is asked month by month as an equality, which
     * FerretDB pushes down to PostgreSQL; a range on `at` it would run over the whole log.
     */
    month: { type: String, required: true },
    actorId: { type: Schema.Types.ObjectId, default: null },
    actorPseudonym: { type: String, default: null },
    action: { type: String, required: true },
    targetType: { type: String, required: true },
    targetId: { type: String, default: null },
    targetPseudonym: { type: String, default: null },
    /** The staff member's own words, or null. */
    reason: { type: String, default: null },
    details: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false },
);
auditSchema.index({ at: -1 });
auditSchema.index({ month: 1, _id: -1 });
auditSchema.index({ actorId: 1 });
auditSchema.index({ targetId: 1 });
auditSchema.index({ action: 1 });

export type AuditDoc = InferSchemaType<typeof auditSchema> & { _id: Types.ObjectId };
export const AuditModel = mongoose.model('AuditEntry', auditSchema, 'auditentries');
