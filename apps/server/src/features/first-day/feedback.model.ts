import { LANGUAGES } from '@yhteistyotila/protocol';
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/** Feedback given on the accessibility statement's form (kept for the admins' answer). */
const feedbackSchema = new Schema(
  {
    message: { type: String, required: true },
    /** Where to answer: what the person gave, else their account's address when signed in. */
    email: { type: String, default: '' },
    page: { type: String, default: '' },
    language: { type: String, enum: LANGUAGES, required: true },
    /** Signed in when sending; null for anyone else. */
    userId: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
feedbackSchema.index({ userId: 1 });

export type FeedbackDoc = InferSchemaType<typeof feedbackSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const AccessibilityFeedbackModel = mongoose.model('AccessibilityFeedback', feedbackSchema);
