import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * Privacy-statement versions, never changed once stored: the consent ledger refers to them by
 * id, and a person can read again exactly the text they accepted. Holds no personal data (who
 * published a version is in the audit log).
 */
const privacyVersionSchema = new Schema(
  {
    /** The version id, e.g. "2026-11-23". */
    _id: { type: String, required: true },
    texts: {
      fi: { type: String, required: true },
      sv: { type: String, required: true },
      en: { type: String, required: true },
    },
    /** The newest publication is in force. */
    publishedAt: { type: Date, required: true },
    /** 'file': seeded from privacy-statements/<date>/ at start; 'admin': published in the UI. */
    source: { type: String, enum: ['file', 'admin'], required: true },
  },
  { versionKey: false },
);

export type PrivacyVersionDoc = InferSchemaType<typeof privacyVersionSchema> & { _id: string };
export const PrivacyVersionModel = mongoose.model(
  'PrivacyVersion',
  privacyVersionSchema,
  'privacy_versions',
);
