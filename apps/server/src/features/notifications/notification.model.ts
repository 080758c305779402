import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { CHANNEL_LEVELS, EMAIL_FREQUENCIES, NOTIFICATION_KINDS } from '@yhteistyotila/protocol';
import { stampOnWrite } from '../../lib/stamp.js';

const ObjectId = Schema.Types.ObjectId;

/**
 * One notification for one person. `key` names what it is about (`mention:<messageId>`,
 * `question-claim:<id>:<time>`...): the unique (recipientId, key) index makes a retried or
 * repeated announcement a no-op instead of a second row (lib/once.ts's way: FerretDB decides
 * races only by unique inserts). `emailAt`/`pushAt` are the delivery decision's times (null:
 * not by that channel) for the mail and push senders to pick up; `inApp` false rows exist only
 * for them.
 */
const notificationSchema = new Schema(
  {
    recipientId: { type: ObjectId, required: true },
    key: { type: String, required: true },
    kind: { type: String, enum: NOTIFICATION_KINDS, required: true },
    actorId: { type: ObjectId, default: null },
    conversationId: { type: ObjectId, default: null },
    text: { type: String, default: '' },
    where: { type: String, default: '' },
    link: { type: String, required: true },
    inApp: { type: Boolean, required: true },
    emailAt: { type: Date, default: null },
    pushAt: { type: Date, default: null },
    /** A push still to send (push-delivery.ts): the equality its job reads by. */
    pushDue: { type: Boolean, default: false },
    /** A mail still to send (mail-delivery.ts): the equality its job reads by. */
    emailDue: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
  },
  { versionKey: false },
);
notificationSchema.index({ recipientId: 1, key: 1 }, { unique: true });
// The list (newest first) and the unread count: recipientId is the equality FerretDB pushes down.
notificationSchema.index({ recipientId: 1, inApp: 1, createdAt: -1 });
notificationSchema.index({ recipientId: 1, readAt: 1 });
notificationSchema.index({ pushDue: 1 });
notificationSchema.index({ emailDue: 1 });

export type NotificationDoc = InferSchemaType<typeof notificationSchema> & { _id: Types.ObjectId };
export const NotificationModel = mongoose.model(
  'Notification',
  notificationSchema,
  'notifications',
);

/** A person's settings; absent until they change something (the protocol's defaults apply). */
const prefsSchema = new Schema(
  {
    _id: { type: ObjectId, required: true },
    kinds: {
      type: [
        new Schema(
          {
            kind: { type: String, enum: NOTIFICATION_KINDS, required: true },
            inApp: Boolean,
            email: Boolean,
            push: Boolean,
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    channels: {
      type: [
        new Schema(
          {
            conversationId: { type: ObjectId, required: true },
            level: { type: String, enum: CHANNEL_LEVELS, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    emailFrequency: { type: String, enum: EMAIL_FREQUENCIES, required: true },
    digestHour: { type: Number, required: true },
    quietEnabled: { type: Boolean, required: true },
    quietStartHour: { type: Number, required: true },
    quietEndHour: { type: Number, required: true },
    timeZone: { type: String, required: true },
    waitWhileActive: { type: Boolean, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export type NotificationPrefsDoc = InferSchemaType<typeof prefsSchema>;
/** Every settings write replaces this stamp, so each process may keep what it read (prefs-memory.ts). */
export const PREFS_STAMP = 'notification-prefs';
stampOnWrite(prefsSchema, PREFS_STAMP);
export const NotificationPrefsModel = mongoose.model(
  'NotificationPrefs',
  prefsSchema,
  'notification_prefs',
);
