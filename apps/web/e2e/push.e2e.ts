import { createECDH, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decrypt } from 'http_ece';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiCall, createApprovedUser, signIn } from './accounts.js';
import { DESKTOP, PHONE, baseUrl, expectAccessible, screenshot } from './harness.js';
import { browserPerFile } from './browser.js';

/*
 * Web Push in Chromium (issue 14, item 5), without the browser vendor's push service (Google's
 * FCM, which Chromium's own pushManager.subscribe() needs, is unreachable here). What stands in:
 *
 * - The page's PushManager answers subscribe() with a subscription pointed at this test's push
 *   endpoint, with keys the test made (the browser's half of the encryption). Everything else
 *   is the app's own code: the settings section asks for permission, registers the subscription
 *   with the server, lists the device as "this device".
 * - "Send a test notification" makes the real server encrypt and VAPID-sign a push and POST it to
 *   that endpoint, which decrypts it with the test's keys.
 * - The decrypted payload is handed to the page's real service worker over the DevTools
 *   protocol (ServiceWorker.deliverPushMessage, the push delivery a push service would do), and
 *   the worker's push handler shows the notification: registration.getNotifications() has it.
 */

const { openAs } = browserPerFile('push');
const poll = <T>(fn: () => T | Promise<T>, timeout = 20_000) => expect.poll(fn, { timeout });

/** A push service of the test's own: decrypts what the server sends to it. */
async function pushEndpoint() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16).toString('base64url');
  const received: { authorization: string; text: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = decrypt(Buffer.concat(chunks), {
        version: 'aes128gcm',
        privateKey: ecdh,
        authSecret: auth,
      }).toString('utf8');
      received.push({ authorization: String(req.headers.authorization), text });
      res.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    subscription: {
      endpoint: `http://127.0.0.1:${port}/push/chromium`,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth },
    },
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Subscription = Awaited<ReturnType<typeof pushEndpoint>>['subscription'];

/** The page's PushManager hands out `sub` (kept across reloads in sessionStorage). */
function pointPushManagerAt(page: Page, sub: Subscription) {
  return page.addInitScript((s: Subscription) => {
    const on = () => sessionStorage.getItem('test.push') === 'on';
    const fake = {
      endpoint: s.endpoint,
      expirationTime: null,
      options: { applicationServerKey: null, userVisibleOnly: true },
      toJSON: () => ({ endpoint: s.endpoint, expirationTime: null, keys: s.keys }),
      unsubscribe: async () => (sessionStorage.removeItem('test.push'), true),
      getKey: () => null,
    };
    PushManager.prototype.subscribe = async function () {
      sessionStorage.setItem('test.push', 'on');
      return fake as unknown as PushSubscription;
    };
    PushManager.prototype.getSubscription = async function () {
      return on() ? (fake as unknown as PushSubscription) : null;
    };
  }, sub);
}

const section = (page: Page) => page.locator('section.push-settings');

describe('push notifications in Chromium', () => {
  it('turns push on for this device, receives a real encrypted push, and the service worker shows it', async () => {
    const endpoint = await pushEndpoint();
    const maija = await createApprovedUser({ name: 'Maija Ilmoitus', role: 'member' });
    const { context, page } = await openAs(maija, '/', PHONE);
    try {
      await context.grantPermissions(['notifications'], { origin: baseUrl() });
      await pointPushManagerAt(page, endpoint.subscription);
      await page.goto('/profiili');
      const push = section(page);
      await poll(() =>
        push.getByRole('heading', { name: 'Ilmoitukset tälle laitteelle' }).count(),
      ).toBe(1);
      // The service worker registers itself after the page has loaded, and takes the page over.
      await poll(() =>
        page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state ?? 'none'),
      ).toBe('activated');
      await poll(() =>
        push.getByText('Ilmoitukset eivät ole käytössä tällä laitteella.').count(),
      ).toBe(1);
      await push.scrollIntoViewIfNeeded();
      await screenshot(page, 'push-settings-off-360');
      await expectAccessible(page, 'push settings, off');

      // Keyboard only: Tab to the button, Enter.
      const turnOn = push.getByRole('button', {
        name: 'Ota ilmoitukset käyttöön tällä laitteella',
      });
      await turnOn.focus();
      await page.keyboard.press('Enter');
      await poll(() => push.getByText('Ilmoitukset ovat käytössä tällä laitteella.').count()).toBe(
        1,
      );
      await poll(() => push.getByText('tämä laite').count()).toBe(1);
      expect(await push.locator('.push-devices li').count()).toBe(1);

      // The server pushes for real: encrypted to the test's keys, signed with VAPID.
      await push.getByRole('button', { name: /Lähetä kokeiluilmoitus/ }).click();
      await poll(() => push.getByText('Kokeiluilmoitus lähetettiin.').count()).toBe(1);
      expect(endpoint.received).toHaveLength(1);
      const [pushed] = endpoint.received;
      expect(pushed?.authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]{87}$/);
      const payload = JSON.parse(pushed!.text) as Record<string, string>;
      expect(payload).toEqual({
        title: 'Yhteistyötila',
        body: 'Ilmoitukset toimivat tällä laitteella.',
        url: '/profiili',
        tag: 'push-test',
      });

      // The push service's part: deliver it to the page's service worker over DevTools.
      const cdp = await context.newCDPSession(page);
      const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
      cdp.on('ServiceWorker.workerRegistrationUpdated', (e) =>
        registrations.push(...e.registrations),
      );
      await cdp.send('ServiceWorker.enable');
      await poll(() =>
        registrations.some((r) => !r.isDeleted && r.scopeURL === `${baseUrl()}/`),
      ).toBe(true);
      const registrationId = registrations.find((r) => !r.isDeleted)!.registrationId;
      await cdp.send('ServiceWorker.deliverPushMessage', {
        origin: baseUrl(),
        registrationId,
        data: pushed!.text,
      });
      const shown = () =>
        page.evaluate(async () =>
          (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
            title: n.title,
            body: n.body,
            tag: n.tag,
            data: n.data as unknown,
          })),
        );
      await poll(shown).toEqual([
        {
          title: 'Yhteistyötila',
          body: 'Ilmoitukset toimivat tällä laitteella.',
          tag: 'push-test',
          data: { url: '/profiili' },
        },
      ]);

      // The content preview: off by default, saved when ticked.
      const preview = push.getByRole('checkbox', { name: /Näytä yksityisviestien/ });
      expect(await preview.isChecked()).toBe(false);
      await preview.check();
      await poll(() => push.getByText('Asetus tallennettiin.').count()).toBe(1);
      await screenshot(page, 'push-settings-on-360');
      await expectAccessible(page, 'push settings, on');

      // Removing the device turns push off here too.
      await push.getByRole('button', { name: /^Poista \(/ }).click();
      await poll(() =>
        push.getByText('Ilmoitukset eivät ole käytössä millään laitteella.').count(),
      ).toBe(1);
      await poll(() =>
        push.getByText('Ilmoitukset eivät ole käytössä tällä laitteella.').count(),
      ).toBe(1);

      // On again, then signing out: the browser unsubscribes and the server forgets the device
      // (a shared computer gets no more of Maija's pushes).
      await turnOn.click();
      await poll(() => push.getByText('tämä laite').count()).toBe(1);
      await page.setViewportSize(DESKTOP); // the phone keeps sign-out in its menu
      await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
      await poll(() => page.url()).toMatch(/\/kirjaudu/);
      expect(await page.evaluate(() => sessionStorage.getItem('test.push'))).toBeNull();
      const again = await signIn(maija.email, maija.password);
      const state = await apiCall<{ devices: unknown[] }>('GET', '/me/push', { cookie: again });
      expect(state.body.devices).toEqual([]);
    } finally {
      await context.close();
      await endpoint.close();
    }
  });

  it('the service worker keeps the app shell for offline use and never caches the API or sockets', async () => {
    const pekka = await createApprovedUser({ name: 'Pekka Välimuisti', role: 'member' });
    const { context, page } = await openAs(pekka, '/', PHONE);
    try {
      await poll(() =>
        page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state ?? 'none'),
      ).toBe('activated');
      await page.reload();
      await poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      // Signed in: the page talks to /api and /socket.io through the controlled page.
      await page.goto('/profiili');
      await poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
      const cached = await page.evaluate(async () => {
        const paths: string[] = [];
        for (const name of await caches.keys())
          for (const req of await (await caches.open(name)).keys())
            paths.push(new URL(req.url).pathname);
        return paths;
      });
      expect(cached).toContain('/');
      expect(cached.filter((p) => /^\/(api|socket\.io)/.test(p))).toEqual([]);
      expect(cached.filter((p) => p !== '/' && !p.startsWith('/assets/'))).toEqual([]);

      // Offline: a navigation gets the last index.html from the cache.
      await context.setOffline(true);
      await page.goto('/profiili').catch(() => undefined);
      await poll(() => page.locator('.app-header .brand').count()).toBe(1);
      await context.setOffline(false);
    } finally {
      await context.close();
    }
  });
});
