import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * A device a person turned push on for: the browser's push subscription. `_id` is derived from
 * the endpoint (pushDeviceId), so one endpoint is one row whoever races to store it, and a
 * browser that signs in as someone else moves its row to them. It lives only as long as the
 * session that turned it on (push.sessions.ts).
 */
const pushDeviceSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    /**
     * The session that turned push on, by its public id (auth/sessions.ts publicSessionId, as
     * "my sessions" shows it): the cookie's secret is not kept a second time.
     */
    sessionId: { type: String, required: true },
    /** The push service's URL for this browser: a capability, never logged or sent out. */
    endpoint: { type: String, required: true },
    /** The browser's P-256 public key and auth secret (base64url): what the payload is encrypted to. */
    p256dh: { type: String, required: true },
    auth: { type: String, required: true },
    /** "Chrome, Android": from the user agent when push was turned on (no full user agent kept). */
    label: { type: String, default: '' },
    createdAt: { type: Date, required: true },
    lastPushAt: { type: Date, default: null },
  },
  { versionKey: false },
);
pushDeviceSchema.index({ userId: 1 });
pushDeviceSchema.index({ sessionId: 1 });
export type PushDeviceDoc = InferSchemaType<typeof pushDeviceSchema>;
export const PushDeviceModel = mongoose.model('PushDevice', pushDeviceSchema, 'pushdevices');

/** A person's push settings; no row: the defaults (content hidden). `_id` = the user id. */
const pushSettingsSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    showContent: { type: Boolean, required: true, default: false },
  },
  { versionKey: false },
);
export const PushSettingsModel = mongoose.model('PushSettings', pushSettingsSchema, 'pushsettings');

/** The VAPID key pair made by the first process that needed one (outside production). */
const vapidKeysSchema = new Schema(
  {
    _id: { type: String, required: true },
    publicKey: { type: String, required: true },
    privateKey: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
export const VapidKeysModel = mongoose.model('VapidKeys', vapidKeysSchema, 'pushvapidkeys');
