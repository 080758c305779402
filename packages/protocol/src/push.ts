import { z } from 'zod';
import { isoDateSchema } from './common.js';
import { defineRoute } from './define.js';

/*
 * Web Push (issue 14, item 5): a person turns push on for a device (a browser's push
 * subscription), sees their devices in settings and removes any, and chooses whether a pushed
 * direct or private message may show its words. The server encrypts (aes128gcm) and signs
 * (VAPID) every push; see docs/decisions.md.
 */

/** A device's id: the first 24 hex digits of the SHA-256 of its push endpoint (see pushDeviceId). */
export const pushDeviceIdSchema = z.string().regex(/^[0-9a-f]{24}$/, 'id');

/** Push services' endpoints are a few hundred characters; this leaves room and no more. */
export const PUSH_ENDPOINT_MAX = 1024;
/** Most devices one person may have push on at once (a new one beyond it replaces the oldest). */
export const PUSH_DEVICES_MAX = 20;

/** base64url, as PushSubscription.toJSON() gives the keys. */
const base64url = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+=*$/, 'base64url');

/** What the browser's PushSubscription.toJSON() holds, as the web app sends it. */
export const pushSubscribeBodySchema = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(PUSH_ENDPOINT_MAX),
  /** Unused by the server (push services drop expired ones with 404/410 anyway). */
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    /** The browser's P-256 public key: 65 bytes uncompressed, 87 characters. */
    p256dh: base64url(86, 90),
    /** The 16-byte authentication secret: 22 characters. */
    auth: base64url(22, 24),
  }),
});
export type PushSubscribeBody = z.input<typeof pushSubscribeBodySchema>;

export const pushDeviceSchema = z.object({
  id: pushDeviceIdSchema,
  /** From the browser's user agent when push was turned on ("Chrome, Android"); may be ''. */
  label: z.string(),
  createdAt: isoDateSchema,
  /** The last push the push service accepted for it. */
  lastPushAt: isoDateSchema.nullable(),
});
export type PushDevice = z.infer<typeof pushDeviceSchema>;

export const pushSettingsSchema = z.object({
  /** A pushed direct or private-channel message shows its sender and words (default: no). */
  showContent: z.boolean(),
});
export type PushSettings = z.infer<typeof pushSettingsSchema>;

export const pushStateSchema = z.object({
  /**
   * The server's VAPID public key (base64url, the applicationServerKey of subscribe()); null
   * when this server has push turned off (production without VAPID keys configured).
   */
  publicKey: z.string().nullable(),
  devices: z.array(pushDeviceSchema),
  settings: pushSettingsSchema,
});
export type PushState = z.infer<typeof pushStateSchema>;

/** What a push carries (encrypted end to end: the push service never reads it). */
export const pushPayloadSchema = z.object({
  title: z.string().max(120),
  body: z.string().max(400),
  /** A path in the app (starts with `/`), opened when the notification is clicked. */
  url: z.string().startsWith('/').max(500),
  /** A notification with the same tag replaces the earlier one on the device. */
  tag: z.string().max(120),
});
export type PushPayload = z.infer<typeof pushPayloadSchema>;

export const pushRoutes = {
  /** This person's push: the server's key, their devices, their settings. */
  pushState: defineRoute({ method: 'GET', path: '/me/push', result: pushStateSchema }),
  /** Turns push on for this device (again: the same endpoint updates its keys). 201. */
  pushSubscribe: defineRoute({
    method: 'POST',
    path: '/me/push/devices',
    body: pushSubscribeBodySchema,
    result: pushDeviceSchema,
    status: 201,
  }),
  /** 204; another person's device answers NOT_FOUND, exactly as a missing one. */
  pushRemove: defineRoute({ method: 'DELETE', path: '/me/push/devices/:id' }),
  /** Sends "push works" to one of the person's devices. 202: the push service accepted it. */
  pushTest: defineRoute({
    method: 'POST',
    path: '/me/push/devices/:id/test',
    result: z.object({ delivered: z.boolean() }),
    status: 202,
  }),
  pushSettings: defineRoute({
    method: 'PATCH',
    path: '/me/push/settings',
    body: pushSettingsSchema,
    result: pushSettingsSchema,
  }),
};
