import mongoose, { Schema } from 'mongoose';

/** Lucia sessions. `_id` is Lucia's random session id; `createdAt` anchors the absolute timeout. */
const sessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    expiresAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    /** Shown in "my sessions" so a person can tell their devices apart. */
    userAgent: { type: String, default: '', maxlength: 300 },
  },
  { versionKey: false },
);
sessionSchema.index({ userId: 1 });
sessionSchema.index({ expiresAt: 1 });

export const SessionModel = mongoose.model('Session', sessionSchema);
