import { pushStateSchema, type PushState } from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../test/factories.js';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { api } from '../../test/access-helpers.js';
import { browserKeys, startPushFixture, type PushFixture } from '../../test/push-endpoint.js';
import type { AppContext } from '../../context.js';
import { PushDeviceModel, VapidKeysModel } from './push.model.js';
import { endpointAllowed, sendPush, type PushMessage } from './push.service.js';
import { storedVapidKeys, vapidKeys } from './vapid.js';

/**
 * Web Push end to end on a real server and database, with a push service of the test's own
 * (test/push-endpoint.ts): every push is checked as a push service would (the VAPID JWT's ES256
 * signature against the key in the header, which must be the server's) and decrypted with the
 * browser keys the test made for that subscription, as the browser would.
 */
let server: TestServer;
let push: PushFixture;
let app: AppContext;

beforeAll(async () => {
  server = await startTestServer();
  app = server.application.app;
  push = await startPushFixture(server.url);
});
afterAll(async () => {
  await push.close();
  await server.close();
});

const CHROME_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36';

/** A browser subscription pointed at the test's push service, registered through the API. */
const subscribeDevice = (user: TestUser) => push.subscribe(user.cookie, CHROME_ANDROID);

async function stateOf(user: TestUser): Promise<PushState> {
  const res = await api(server, 'GET', '/me/push', { cookie: user.cookie });
  expect(res.status).toBe(200);
  return pushStateSchema.parse(res.body);
}

const pushesTo = (path: string) => push.pushesTo(path);
const payloadsTo = (path: string) => push.payloadsTo(path);

const mention: PushMessage = {
  title: 'Maija mainitsi sinut',
  body: 'Katso tämä @Pekka',
  url: '/c/0123456789abcdef01234567',
  tag: 'conversation-0123456789abcdef01234567',
  containsPrivateContent: false,
};
const dm: PushMessage = {
  title: 'Maija Meikäläinen',
  body: 'Lapseni koulussa on ongelma',
  url: '/c/89abcdef0123456789abcdef',
  tag: 'conversation-89abcdef0123456789abcdef',
  containsPrivateContent: true,
};

describe('a push from the server', () => {
  it('is VAPID-signed with the server key and decrypts to the notification, on every device of the person', async () => {
    const user = await createUser(server.application);
    const phone = await subscribeDevice(user);
    const laptop = await subscribeDevice(user);
    const state = await stateOf(user);
    expect(state.devices.map((d) => d.id).sort()).toEqual([phone.id, laptop.id].sort());
    expect(state.devices[0]?.label).toBe('Chrome, Android');
    expect(state.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);

    const outcome = await sendPush(app, user.id, mention);
    expect(outcome).toEqual({ sent: 2, removed: 0, failed: 0 });
    expect(push.endpoint.rejected).toEqual([]);
    for (const path of [phone.path, laptop.path]) {
      const [received] = pushesTo(path);
      expect(received?.vapidKey, 'signed with the key browsers subscribed with').toBe(
        state.publicKey,
      );
      expect(received?.jwt.aud).toBe(push.endpoint.url);
      expect(received?.jwt.sub).toBe(app.config.vapidSubject);
      const now = Date.now() / 1000;
      expect(received?.jwt.exp).toBeGreaterThan(now);
      expect(received?.jwt.exp).toBeLessThanOrEqual(now + 24 * 3600);
      expect(received?.headers.ttl).toBe(String(24 * 3600));
      expect(payloadsTo(path)).toEqual([
        { title: mention.title, body: mention.body, url: mention.url, tag: mention.tag },
      ]);
    }
    const after = await stateOf(user);
    expect(after.devices.every((d) => d.lastPushAt !== null)).toBe(true);
  });

  it('of a direct or private message shows no sender or words unless the person allows it', async () => {
    const user = await createUser(server.application, { language: 'sv' });
    const phone = await subscribeDevice(user);
    expect((await stateOf(user)).settings).toEqual({ showContent: false });

    await sendPush(app, user.id, dm);
    const [hidden] = payloadsTo(phone.path);
    expect(hidden).toEqual({
      title: 'Yhteistyötila',
      body: 'Du har ett nytt meddelande.',
      url: dm.url,
      tag: dm.tag,
    });
    expect(pushesTo(phone.path)[0]?.text).not.toContain('Maija');

    const saved = await api(server, 'PATCH', '/me/push/settings', {
      cookie: user.cookie,
      body: { showContent: true },
    });
    expect(saved.body).toEqual({ showContent: true });
    await sendPush(app, user.id, dm);
    expect(payloadsTo(phone.path)[1]).toEqual({
      title: dm.title,
      body: dm.body,
      url: dm.url,
      tag: dm.tag,
    });

    // Someone else's setting is their own.
    const other = await createUser(server.application);
    const otherPhone = await subscribeDevice(other);
    await sendPush(app, other.id, dm);
    expect(payloadsTo(otherPhone.path)[0]?.body).toBe('Sinulle on uusi viesti.');
  });

  it('stops reaching a device once it is removed', async () => {
    const user = await createUser(server.application);
    const phone = await subscribeDevice(user);
    const laptop = await subscribeDevice(user);
    const removed = await api(server, 'DELETE', `/me/push/devices/${phone.id}`, {
      cookie: user.cookie,
    });
    expect(removed.status).toBe(204);
    expect(await sendPush(app, user.id, mention)).toEqual({ sent: 1, removed: 0, failed: 0 });
    expect(pushesTo(phone.path)).toEqual([]);
    expect(pushesTo(laptop.path)).toHaveLength(1);
    expect((await stateOf(user)).devices.map((d) => d.id)).toEqual([laptop.id]);
  });

  it('removes a device the push service says is gone (410, 404), and keeps one that failed otherwise', async () => {
    const user = await createUser(server.application);
    const gone = await subscribeDevice(user);
    const missing = await subscribeDevice(user);
    const busy = await subscribeDevice(user);
    push.endpoint.answer(gone.path, 410);
    push.endpoint.answer(missing.path, 404);
    push.endpoint.answer(busy.path, 503);
    expect(await sendPush(app, user.id, mention)).toEqual({ sent: 0, removed: 2, failed: 1 });
    expect((await stateOf(user)).devices.map((d) => d.id)).toEqual([busy.id]);
    expect(await sendPush(app, user.id, mention)).toEqual({ sent: 0, removed: 0, failed: 1 });
    expect(pushesTo(gone.path)).toHaveLength(1);
  });

  it('to a person with no device sends nothing', async () => {
    const user = await createUser(server.application);
    expect(await sendPush(app, user.id, dm)).toEqual({ sent: 0, removed: 0, failed: 0 });
  });
});

describe('devices', () => {
  it('the same browser subscribing again is one device; signing in as someone else moves it to them', async () => {
    const maija = await createUser(server.application);
    const pekka = await createUser(server.application);
    const first = await subscribeDevice(maija);
    const { keys } = first;
    const again = await api(server, 'POST', '/me/push/devices', {
      cookie: pekka.cookie,
      body: {
        endpoint: push.endpoint.url + first.path,
        keys: { p256dh: keys.p256dh, auth: keys.auth },
      },
    });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.id);
    expect((await stateOf(maija)).devices).toEqual([]);
    expect((await stateOf(pekka)).devices.map((d) => d.id)).toEqual([first.id]);
    await sendPush(app, maija.id, mention);
    expect(pushesTo(first.path)).toEqual([]);
  });

  it("another person's device answers NOT_FOUND exactly as an id that names nothing", async () => {
    const owner = await createUser(server.application);
    const stranger = await createUser(server.application);
    const phone = await subscribeDevice(owner);
    const absent = 'abcdefabcdefabcdefabcdef';
    for (const [method, path] of [
      ['DELETE', (id: string) => `/me/push/devices/${id}`],
      ['POST', (id: string) => `/me/push/devices/${id}/test`],
    ] as const) {
      const hidden = await api(server, method, path(phone.id), { cookie: stranger.cookie });
      const none = await api(server, method, path(absent), { cookie: stranger.cookie });
      expect(hidden.status).toBe(404);
      expect(hidden.body).toEqual(none.body);
    }
    expect((await stateOf(owner)).devices).toHaveLength(1);
  });

  it('the test push reaches the chosen device in the person’s language', async () => {
    const user = await createUser(server.application, { language: 'en' });
    const phone = await subscribeDevice(user);
    const res = await api(server, 'POST', `/me/push/devices/${phone.id}/test`, {
      cookie: user.cookie,
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ delivered: true });
    expect(payloadsTo(phone.path)).toEqual([
      {
        title: 'Yhteistyötila',
        body: 'Notifications work on this device.',
        url: '/profiili',
        tag: 'push-test',
      },
    ]);
  });

  it('refuses malformed subscriptions with VALIDATION_ERROR and a signed-out caller with UNAUTHENTICATED', async () => {
    const user = await createUser(server.application);
    const keys = browserKeys();
    for (const body of [
      { endpoint: 'javascript:alert(1)', keys: { p256dh: keys.p256dh, auth: keys.auth } },
      { endpoint: `${push.endpoint.url}/x`, keys: { p256dh: 'short', auth: keys.auth } },
      { endpoint: `${push.endpoint.url}/x`, keys: { p256dh: keys.p256dh } },
      {
        endpoint: `${push.endpoint.url}/${'a'.repeat(2000)}`,
        keys: { p256dh: keys.p256dh, auth: keys.auth },
      },
    ]) {
      const res = await api(server, 'POST', '/me/push/devices', { cookie: user.cookie, body });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_ERROR');
    }
    const anonymous = await api(server, 'GET', '/me/push');
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
  });

  it('in production, only the browser vendors’ push services over https', () => {
    expect(endpointAllowed('https://fcm.googleapis.com/fcm/send/abc', true)).toBe(true);
    expect(endpointAllowed('https://updates.push.services.mozilla.com/wpush/v2/x', true)).toBe(
      true,
    );
    expect(endpointAllowed('https://web.push.apple.com/QG9', true)).toBe(true);
    expect(endpointAllowed('http://fcm.googleapis.com/fcm/send/abc', true)).toBe(false);
    expect(endpointAllowed('https://169.254.169.254/latest', true)).toBe(false);
    expect(endpointAllowed('https://evil.example/push.apple.com', true)).toBe(false);
    expect(endpointAllowed('http://127.0.0.1:9/x', false)).toBe(true);
  });
});

describe('VAPID keys', () => {
  it('outside production: made once and kept; racing processes all get the same pair', async () => {
    await VapidKeysModel.deleteMany({});
    // Two application contexts (each with its own cache, as two processes have) and more
    // callers racing straight at the store: one insert wins, everyone reads the winner.
    const processes = [{ ...app }, { ...app }];
    const pairs = await Promise.all([
      ...processes.map((p) => vapidKeys(p)),
      ...Array.from({ length: 8 }, () => storedVapidKeys()),
    ]);
    expect(new Set(pairs.map((p) => `${p?.publicKey}.${p?.privateKey}`)).size).toBe(1);
    expect(await VapidKeysModel.countDocuments()).toBe(1);
    // A later start reads the same pair.
    expect(await vapidKeys({ ...app })).toEqual(pairs[0]);
  });

  it('in production, only from the configuration; none configured: push is off', async () => {
    const { loadConfig } = await import('../../config.js');
    const base = {
      NODE_ENV: 'production',
      SMTP_URL: 'smtp://mail.example:587',
      PUBLIC_URL: 'https://tila.example.fi',
    };
    const off = { ...app, config: loadConfig(base) };
    expect(await vapidKeys(off)).toBeNull();
    const pair = (await import('web-push')).default.generateVAPIDKeys();
    const on = {
      ...app,
      config: loadConfig({
        ...base,
        VAPID_PUBLIC_KEY: pair.publicKey,
        VAPID_PRIVATE_KEY: pair.privateKey,
      }),
    };
    expect(await vapidKeys(on)).toEqual(pair);
    // With push off, subscribing says so and sending sends nothing.
    const user = await createUser(server.application);
    expect(await sendPush(off, user.id, mention)).toEqual({ sent: 0, removed: 0, failed: 0 });
    expect(await PushDeviceModel.countDocuments({ userId: user.id })).toBe(0);
  });
});

describe('personal data', () => {
  it('the export names the devices without their endpoint or keys; erasure removes devices and settings', async () => {
    const { personalDataSources } = await import('../access/index.js');
    const user = await createUser(server.application);
    await subscribeDevice(user);
    await api(server, 'PATCH', '/me/push/settings', {
      cookie: user.cookie,
      body: { showContent: true },
    });
    const devices = personalDataSources().find((s) => s.collection === 'pushdevices')!;
    const settings = personalDataSources().find((s) => s.collection === 'pushsettings')!;
    const exported = await devices.export(user.id);
    expect(exported).toEqual([expect.objectContaining({ label: 'Chrome, Android' })]);
    expect(JSON.stringify(exported)).not.toMatch(/endpoint|p256dh|auth|127\.0\.0\.1/);
    expect(await settings.export(user.id)).toEqual([{ _id: user.id, showContent: true }]);
    const ctx = { mode: 'erase' as const, pseudonym: 'x' };
    await devices.erase(user.id, ctx);
    await settings.erase(user.id, ctx);
    expect((await stateOf(user)).devices).toEqual([]);
    expect((await stateOf(user)).settings).toEqual({ showContent: false });
  });
});
