/*
 * The service worker (built on its own to /sw.js by apps/web/service-worker.ts; never imported by
 * the app). Three jobs, nothing more:
 *
 * 1. Offline shell: a navigation fetches index.html from the network first and keeps the latest
 *    copy for when there is none. Hashed /assets/ files are kept once fetched (their names
 *    change with their content). Nothing else is touched: no /api, no /socket.io, no
 *    operational route, no other origin: those go to the network as if there were no worker.
 * 2. Updates: the protocol version is built into this file, so a server with a new version
 *    serves a different sw.js; the browser installs it at its next check (every navigation:
 *    sw.js is served no-cache; the page also asks when its socket is refused as outdated), and
 *    it takes over at once, dropping the caches of the old version.
 * 3. Push: shows the pushed notification; a click focuses the app (or opens it) at its url.
 */

declare const __PROTOCOL_VERSION__: number;

/** The parts of the service worker scope used here (the DOM lib has no worker types). */
interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(r: Promise<Response>): void;
}
interface PushEvent extends ExtendableEvent {
  data: { json(): unknown } | null;
}
interface NotificationEvent extends ExtendableEvent {
  notification: Notification & { data: unknown };
}
interface WindowClient {
  url: string;
  focus(): Promise<WindowClient>;
  navigate(url: string): Promise<WindowClient | null>;
}
interface Scope {
  location: Location;
  registration: ServiceWorkerRegistration;
  clients: {
    claim(): Promise<void>;
    matchAll(o: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClient[]>;
    openWindow(url: string): Promise<WindowClient | null>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', f: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', f: (e: FetchEvent) => void): void;
  addEventListener(type: 'push', f: (e: PushEvent) => void): void;
  addEventListener(type: 'notificationclick', f: (e: NotificationEvent) => void): void;
}

const sw = self as unknown as Scope;
const CACHE = `yt-v${__PROTOCOL_VERSION__}`;
/** The one key the app shell is kept under (every route of the app is the same index.html). */
const SHELL = '/';
/** Never answered here: the network's, always. */
const NETWORK_ONLY = /^\/(api|socket\.io|healthz|readyz|metrics|sw\.js)(\/|$)/;

sw.addEventListener('install', (event) => {
  event.waitUntil(sw.skipWaiting());
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin || NETWORK_ONLY.test(url.pathname)) return;
  if (request.mode === 'navigate') event.respondWith(networkFirst(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(request));
});

async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    const html = response.headers.get('content-type')?.startsWith('text/html');
    if (response.ok && html && !(await servedWithContent(response))) {
      await cache.put(SHELL, response.clone());
    }
    return response;
  } catch (err) {
    const cached = await cache.match(SHELL);
    if (cached) return cached;
    throw err;
  }
}

/**
 * A visitor's page served with its content (the landing page, the join form: decision 85) is no
 * copy of the app: offline, it would show someone signed in a visitor's page, as a visitor's
 * (decision 92). The shell kept is the last plain one.
 */
async function servedWithContent(response: Response): Promise<boolean> {
  return (await response.clone().text()).includes('data-prerendered=');
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

interface Shown {
  title: string;
  body: string;
  url: string;
  tag: string;
}

/** The pushed JSON (packages/protocol pushPayloadSchema), checked by hand: no zod in here. */
function readPush(data: unknown): Shown {
  const d = (data ?? {}) as Partial<Record<keyof Shown, unknown>>;
  const text = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
  const url = text(d.url, '/');
  return {
    title: text(d.title, 'Yhteistyötila'),
    body: text(d.body, ''),
    // A path of this app only: never another site ("//evil" is another host).
    url: url.startsWith('/') && !url.startsWith('//') ? url : '/',
    tag: text(d.tag, ''),
  };
}

sw.addEventListener('push', (event) => {
  let data: unknown = null;
  try {
    data = event.data?.json();
  } catch {
    // Not JSON: the generic notification below.
  }
  const shown = readPush(data);
  event.waitUntil(
    sw.registration.showNotification(shown.title, {
      body: shown.body,
      tag: shown.tag || undefined,
      data: { url: shown.url },
      icon: '/icons/icon-192.png',
    }),
  );
});

sw.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const { url } = readPush(event.notification.data);
  const target = new URL(url, sw.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).origin === sw.location.origin);
      if (!open) {
        await sw.clients.openWindow(target);
        return;
      }
      await open.focus();
      if (open.url !== target) await open.navigate(target);
    })(),
  );
});
