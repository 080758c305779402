import { createHash } from 'node:crypto';
import {
  PUSH_DEVICES_MAX,
  describeAgent,
  pushPayloadSchema,
  type Language,
  type PushDevice,
  type PushPayload,
  type PushSettings,
  type PushState,
  type PushSubscribeBody,
} from '@yhteistyotila/protocol';
import webpush from 'web-push';
import type { AppContext } from '../../context.js';
import { AppError, isDuplicateKey, notFound } from '../../errors.js';
import { oid } from '../../db/object-id.js';
import { UserModel } from '../../auth/user.model.js';
import { guestAccessOver } from '../../auth/guest-access.js';
import { livePublicSessionIds, publicSessionId } from '../../auth/sessions.js';
import { PushDeviceModel, PushSettingsModel, type PushDeviceDoc } from './push.model.js';
import { vapidKeys, type VapidKeys } from './vapid.js';

/** A device's id: its endpoint's SHA-256, shortened (the web works it out the same way). */
export const pushDeviceId = (endpoint: string): string =>
  createHash('sha256').update(endpoint).digest('hex').slice(0, 24);

/**
 * Push services a production server sends to (https only): the browser vendors' own. Anything
 * else would let a signed-in person make the server POST to an address of their choosing.
 * Outside production any http(s) endpoint is taken, so that tests can run a push endpoint of
 * their own (the vendors' services are unreachable from the project's machines).
 */
const PUSH_SERVICE_HOSTS = [
  'fcm.googleapis.com',
  'android.googleapis.com',
  'updates.push.services.mozilla.com',
  '.push.apple.com',
  '.notify.windows.com',
];

export function endpointAllowed(endpoint: string, production: boolean): boolean {
  if (!production) return true;
  const url = new URL(endpoint);
  return (
    url.protocol === 'https:' &&
    PUSH_SERVICE_HOSTS.some((h) =>
      h.startsWith('.') ? url.hostname.endsWith(h) : url.hostname === h,
    )
  );
}

const present = (d: PushDeviceDoc): PushDevice => ({
  id: d._id,
  label: d.label,
  createdAt: d.createdAt.toISOString(),
  lastPushAt: d.lastPushAt?.toISOString() ?? null,
});

async function settingsOf(userId: string): Promise<PushSettings> {
  const doc = await PushSettingsModel.findById(oid(userId)).lean();
  return { showContent: doc?.showContent ?? false };
}

export async function pushState(app: AppContext, userId: string): Promise<PushState> {
  const [keys, devices, settings] = await Promise.all([
    vapidKeys(app),
    PushDeviceModel.find({ userId: oid(userId) }).lean(),
    settingsOf(userId),
  ]);
  return {
    publicKey: keys?.publicKey ?? null,
    devices: devices.sort((a, b) => +a.createdAt - +b.createdAt).map(present),
    settings,
  };
}

/**
 * Turns push on for a device, for as long as the caller's session lives (push.sessions.ts). The
 * same endpoint again (keys renewed, or another person signed in on that browser) replaces its
 * row: the insert under the endpoint's id decides a race, then the loser's write lands on the
 * winner's row.
 */
export async function subscribe(
  app: AppContext,
  userId: string,
  sessionId: string,
  body: PushSubscribeBody,
  userAgent: string,
): Promise<PushDevice> {
  if (!(await vapidKeys(app))) throw new AppError('UNAVAILABLE', 'push is off on this server');
  if (!endpointAllowed(body.endpoint, app.config.isProduction))
    throw new AppError('VALIDATION_ERROR', 'not a known push service');
  const id = pushDeviceId(body.endpoint);
  const fields = {
    userId: oid(userId),
    sessionId: publicSessionId(sessionId),
    endpoint: body.endpoint,
    p256dh: body.keys.p256dh,
    auth: body.keys.auth,
    label: describeAgent(userAgent).slice(0, 100),
  };
  const now = new Date();
  try {
    await PushDeviceModel.create({ _id: id, ...fields, createdAt: now, lastPushAt: null });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    await PushDeviceModel.updateOne({ _id: id }, { $set: { ...fields, createdAt: now } });
  }
  await dropOldest(userId);
  const doc = await PushDeviceModel.findById(id).lean();
  if (!doc) throw notFound();
  return present(doc);
}

/** Past PUSH_DEVICES_MAX the oldest devices go: a person cannot grow the list without end. */
async function dropOldest(userId: string): Promise<void> {
  const devices = await PushDeviceModel.find({ userId: oid(userId) }, { createdAt: 1 }).lean();
  if (devices.length <= PUSH_DEVICES_MAX) return;
  const oldest = devices
    .sort((a, b) => +a.createdAt - +b.createdAt)
    .slice(0, devices.length - PUSH_DEVICES_MAX);
  await PushDeviceModel.deleteMany({ _id: { $in: oldest.map((d) => d._id) } });
}

/** Another person's device is NOT_FOUND, exactly as an id that names nothing. */
export async function removeDevice(userId: string, id: string): Promise<void> {
  const res = await PushDeviceModel.deleteOne({ _id: id, userId: oid(userId) });
  if (res.deletedCount === 0) throw notFound();
}

export async function saveSettings(userId: string, settings: PushSettings): Promise<PushSettings> {
  await PushSettingsModel.updateOne(
    { _id: oid(userId) },
    { $set: { showContent: settings.showContent } },
    { upsert: true },
  );
  return settingsOf(userId);
}

/** What a pushed private message says when its words may not show (by the person's language). */
const HIDDEN: Record<Language, { title: string; body: string }> = {
  fi: { title: 'Yhteistyötila', body: 'Sinulle on uusi viesti.' },
  sv: { title: 'Yhteistyötila', body: 'Du har ett nytt meddelande.' },
  en: { title: 'Yhteistyötila', body: 'You have a new message.' },
};
const TEST: Record<Language, { title: string; body: string }> = {
  fi: { title: 'Yhteistyötila', body: 'Ilmoitukset toimivat tällä laitteella.' },
  sv: { title: 'Yhteistyötila', body: 'Aviseringar fungerar på den här enheten.' },
  en: { title: 'Yhteistyötila', body: 'Notifications work on this device.' },
};

/** What the notification delivery hands to sendPush. */
export interface PushMessage {
  title: string;
  body: string;
  /** A path in the app, opened by a click on the notification. */
  url: string;
  /** Same tag: replaces the earlier notification on the device (e.g. one per conversation). */
  tag: string;
  /**
   * A direct or private-channel message (sender and words): shown only when the person allows
   * it (their "show message content" setting, off by default); else a generic line.
   */
  containsPrivateContent: boolean;
}

export interface PushOutcome {
  /** Devices whose push service accepted the push. */
  sent: number;
  /** Devices the push service said are gone (404 / 410): removed. */
  removed: number;
  /** Devices that failed otherwise (kept: a push service may be down for a while). */
  failed: number;
}

/** How long a push service keeps an undelivered push (a day: later it is stale news). */
const TTL_SECONDS = 24 * 3600;
const SEND_TIMEOUT_MS = 10_000;

/**
 * Sends `message` to every device of the person, encrypted to each (aes128gcm, RFC 8291) and
 * signed with the server's VAPID key (RFC 8292) by the web-push library; the request itself goes
 * out with fetch (no redirects followed, a time limit). Devices the push service says are gone
 * are removed. Never throws for a device's failure: the caller is a notification delivery.
 */
export async function sendPush(
  app: AppContext,
  personId: string,
  message: PushMessage,
): Promise<PushOutcome> {
  const outcome: PushOutcome = { sent: 0, removed: 0, failed: 0 };
  const keys = await vapidKeys(app);
  if (!keys) return outcome;
  const stored = await PushDeviceModel.find({ userId: oid(personId) }).lean();
  if (!stored.length) return outcome;
  const [settings, user, devices] = await Promise.all([
    message.containsPrivateContent ? settingsOf(personId) : null,
    UserModel.findById(oid(personId), { language: 1, status: 1, role: 1, guestUntil: 1 }).lean(),
    withLiveSession(app, personId, stored),
  ]);
  // A suspended person or an expired guest gets nothing, whatever rows are left.
  if (!user || user.status !== 'active' || guestAccessOver(user)) return outcome;
  const language = (user.language ?? 'fi') as Language;
  const hide = message.containsPrivateContent && settings?.showContent !== true;
  const payload = payloadOf(message, hide ? HIDDEN[language] : null);
  const results = await Promise.all(devices.map((d) => deliver(app, keys, d, payload)));
  for (const r of results) outcome[r] += 1;
  return outcome;
}

/** The "push works" push to one of the person's own devices (settings' test button). */
export async function sendTestPush(
  app: AppContext,
  userId: string,
  id: string,
): Promise<{ delivered: boolean }> {
  const [keys, stored, user] = await Promise.all([
    vapidKeys(app),
    PushDeviceModel.findOne({ _id: id, userId: oid(userId) }).lean(),
    UserModel.findById(oid(userId), { language: 1 }).lean(),
  ]);
  const [device] = stored ? await withLiveSession(app, userId, [stored]) : [];
  if (!device) throw notFound();
  if (!keys) throw new AppError('UNAVAILABLE', 'push is off on this server');
  const text = TEST[(user?.language ?? 'fi') as Language];
  const payload = payloadOf({ ...text, url: '/profiili', tag: 'push-test' }, null);
  const result = await deliver(app, keys, device, payload);
  if (result === 'removed') throw notFound();
  return { delivered: result === 'sent' };
}

/**
 * The devices whose session still lives; the others are deleted. The session's end deletes its
 * devices already (push.sessions.ts): this catches a row written as the session ended (a
 * subscribe racing the sign-out) or left by a failed delete. One read of the person's sessions.
 */
async function withLiveSession(
  app: AppContext,
  userId: string,
  devices: PushDeviceDoc[],
): Promise<PushDeviceDoc[]> {
  const live = await livePublicSessionIds(app, userId);
  const [kept, ended] = [
    devices.filter((d) => live.has(d.sessionId)),
    devices.filter((d) => !live.has(d.sessionId)),
  ];
  // By the session too: a row that was subscribed again meanwhile is someone's live device.
  for (const d of ended) await PushDeviceModel.deleteOne({ _id: d._id, sessionId: d.sessionId });
  return kept;
}

/** The JSON the service worker reads, cut to fit a push (about 4 KB after encryption). */
function payloadOf(
  m: Pick<PushMessage, 'title' | 'body' | 'url' | 'tag'>,
  replaced: { title: string; body: string } | null,
): string {
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  const data: PushPayload = pushPayloadSchema.parse({
    title: cut(replaced?.title ?? m.title, 120),
    body: cut(replaced?.body ?? m.body, 400),
    url: m.url.startsWith('/') ? m.url.slice(0, 500) : '/',
    tag: m.tag.slice(0, 120),
  });
  return JSON.stringify(data);
}

async function deliver(
  app: AppContext,
  keys: VapidKeys,
  device: PushDeviceDoc,
  payload: string,
): Promise<'sent' | 'removed' | 'failed'> {
  const host = new URL(device.endpoint).host;
  try {
    const details = webpush.generateRequestDetails(
      { endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } },
      payload,
      {
        vapidDetails: { subject: app.config.vapidSubject, ...keys },
        contentEncoding: 'aes128gcm',
        TTL: TTL_SECONDS,
        urgency: 'normal',
      },
    );
    const res = await fetch(details.endpoint, {
      method: 'POST',
      // fetch sets Content-Length itself from the body.
      headers: Object.fromEntries(
        Object.entries(details.headers)
          .filter(([k]) => k.toLowerCase() !== 'content-length')
          .map(([k, v]) => [k, String(v)]),
      ),
      body: details.body ?? null,
      redirect: 'manual',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    await res.body?.cancel();
    if (res.status >= 200 && res.status < 300) {
      await PushDeviceModel.updateOne({ _id: device._id }, { $set: { lastPushAt: new Date() } });
      return 'sent';
    }
    if (res.status === 404 || res.status === 410) {
      await PushDeviceModel.deleteOne({ _id: device._id, endpoint: device.endpoint });
      app.log.info({ deviceId: device._id, host, status: res.status }, 'push device gone: removed');
      return 'removed';
    }
    app.log.warn({ deviceId: device._id, host, status: res.status }, 'push refused');
    return 'failed';
  } catch (err) {
    app.log.warn({ deviceId: device._id, host, err: String(err) }, 'push failed');
    return 'failed';
  }
}
