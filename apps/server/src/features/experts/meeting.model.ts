import { MEETING_CANCELLERS, MEETING_MODES } from '@yhteistyotila/protocol';
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { stampOnWrite } from '../../lib/stamp.js';
import { EXPERTS_STAMP } from './expert-profile.model.js';

/** `slot` of a booked meeting: one per (expert, start) under the unique index. */
export const LIVE_SLOT = 'live';

/**
 * A meeting booked in an expert's office hours. No double booking: the unique index on
 * (expertId, start, slot) lets exactly one insert of a live booking of a slot win, on MongoDB and
 * FerretDB alike (a conditional update is not atomic on FerretDB). Cancelling frees the slot by
 * setting `slot` to the meeting's own id, which no other booking can hold.
 */
const meetingSchema = new Schema(
  {
    expertId: { type: Schema.Types.ObjectId, required: true },
    bookerId: { type: Schema.Types.ObjectId, required: true },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    slot: { type: String, required: true, default: LIVE_SLOT },
    topic: { type: String, required: true },
    note: { type: String, default: '' },
    mode: { type: String, enum: MEETING_MODES, required: true },
    status: { type: String, enum: ['booked', 'cancelled'], required: true, default: 'booked' },
    cancelledBy: { type: String, enum: [...MEETING_CANCELLERS, null], default: null },
    cancelledAt: { type: Date, default: null },
    /** When the reminder went (the once-only claim decides who sends it). */
    remindedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
meetingSchema.index({ expertId: 1, start: 1, slot: 1 }, { unique: true });
meetingSchema.index({ bookerId: 1, status: 1 });
// The reminder job and the panel: booked meetings (an equality) narrow the read.
meetingSchema.index({ status: 1, start: 1 });

stampOnWrite(meetingSchema, EXPERTS_STAMP);

export type MeetingDoc = InferSchemaType<typeof meetingSchema> & { _id: Types.ObjectId };
export const MeetingModel = mongoose.model('Meeting', meetingSchema, 'meetings');
