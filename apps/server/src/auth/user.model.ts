import {
  DEFAULT_TIME_ZONE,
  INTRODUCTION_MAX,
  LANGUAGES,
  ROLES,
  type Language,
  type Role,
} from '@yhteistyotila/protocol';
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

export const USER_STATUSES = ['active', 'suspended'] as const;

const userSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 100 },
    /** Lower-cased; unique. */
    email: { type: String, required: true, lowercase: true, trim: true, maxlength: 254 },
    passwordHash: { type: String, default: null },
    role: { type: String, enum: ROLES, required: true, default: 'member' },
    /** Guest experts only: access ends at this time. */
    guestUntil: { type: Date, default: null },
    status: { type: String, enum: USER_STATUSES, required: true, default: 'active' },
    municipalityCode: { type: String, default: null },
    association: { type: String, default: '', maxlength: 200 },
    parentRole: { type: String, default: '', maxlength: 200 },
    language: { type: String, enum: LANGUAGES, required: true, default: 'fi' },
    /** A few words about themselves (profile). */
    introduction: { type: String, default: '', maxlength: INTRODUCTION_MAX },
    /** IANA zone for their dates and times. */
    timeZone: { type: String, default: DEFAULT_TIME_ZONE },
    /** When they closed the first-day welcome: never shown again. */
    welcomeDismissedAt: { type: Date, default: null },
    /** Version of the privacy statement the person last consented to. */
    consentVersion: { type: String, default: null },
    /**
     * When the first-connection auto-joins ran. Read with the session at every handshake, so a
     * person already set up costs no query (ConversationInit stays the exactly-once guard).
     */
    channelsJoinedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ role: 1 });

export type UserDoc = InferSchemaType<typeof userSchema> & {
  _id: Types.ObjectId;
  role: Role;
  language: Language;
};
export const UserModel = mongoose.model('User', userSchema);
