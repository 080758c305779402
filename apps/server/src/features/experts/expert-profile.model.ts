import { DEFAULT_SLOT_MINUTES, EXPERT_STATUSES } from '@yhteistyotila/protocol';
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { stampOnWrite } from '../../lib/stamp.js';

/**
 * Replaced by every write to an expert profile or a meeting: the experts panel keeps both under
 * it (profiles.service.ts), so a warm panel reads only the people and the stamp.
 */
export const EXPERTS_STAMP = 'experts';

/**
 * An expert's profile on top of their person's (whose time zone the office hours are in):
 * keyed by the person's id, so the panel reads all of them with one `$in` on `_id`.
 */
const expertProfileSchema = new Schema(
  {
    /** The person's user id. */
    _id: { type: Schema.Types.ObjectId, required: true },
    topics: { type: [String], default: [] },
    organisation: { type: String, default: '' },
    introduction: { type: String, default: '' },
    phone: { type: String, default: '' },
    meetingLink: { type: String, default: '' },
    slotMinutes: { type: Number, default: DEFAULT_SLOT_MINUTES },
    officeHours: {
      type: [{ _id: false, weekday: Number, start: String, end: String }],
      default: [],
    },
    status: { type: String, enum: EXPERT_STATUSES, default: 'available' },
    statusUntil: { type: Date, default: null },
    /** "YYYY-MM-DD" days in the expert's time zone marked away. */
    awayDays: { type: [String], default: [] },
  },
  { versionKey: false, timestamps: true },
);

stampOnWrite(expertProfileSchema, EXPERTS_STAMP);

export type ExpertProfileDoc = InferSchemaType<typeof expertProfileSchema> & {
  _id: Types.ObjectId;
};
export const ExpertProfileModel = mongoose.model(
  'ExpertProfile',
  expertProfileSchema,
  'expertprofiles',
);
