import {
  DEFAULT_TIME_ZONE,
  INTRODUCTION_MAX,
  LANGUAGES,
  ROLES,
  USER_STATUSES,
  type Language,
  type Role,
} from '@yhteistyotila/protocol';
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

const userSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 100 },
    /** Lower-cased; unique. */
    email: { type: String, required: true, lowercase: true, trim: true, maxlength: 254 },
    passwordHash: { type: String, default: null },
    role: { type: String, enum: ROLES, required: true, default: 'member' },
    /**
     * The expert capability, beside the role (decisions: "The expert capability"). Guest experts
     * hold it through their role; it is stored true for them too, so one equality finds experts.
     */
    expert: { type: Boolean, required: true, default: false },
    /** Guest experts only: access ends at this time. */
    guestUntil: { type: Date, default: null },
    status: { type: String, enum: USER_STATUSES, required: true, default: 'active' },
    /**
     * While suspended: the reason staff gave and when (cleared when lifted). Who did it is in
     * the audit log only, so the person's document never points at a moderator.
     */
    suspendedReason: { type: String, default: null, maxlength: 1000 },
    suspendedAt: { type: Date, default: null },
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
userSchema.index({ expert: 1 });

export type UserDoc = InferSchemaType<typeof userSchema> & {
  _id: Types.ObjectId;
  role: Role;
  language: Language;
};
export const UserModel = mongoose.model('User', userSchema);
