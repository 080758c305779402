import { pushSubscribeBodySchema } from '@yhteistyotila/protocol';
import { pushApi } from './push-api.js';

/**
 * This browser's side of push: the service worker's registration and the push subscription.
 * The server knows a device by the SHA-256 of its endpoint (deviceIdOf), so the settings can
 * tell which of the listed devices is this one without storing anything here.
 */

export const pushSupported = (): boolean =>
  typeof window !== 'undefined' &&
  'serviceWorker' in navigator &&
  'PushManager' in window &&
  'Notification' in window;

/** iPhones and iPads (iPadOS says it is a Mac, but has touch). */
export const isIos = (): boolean =>
  /iPhone|iPad|iPod/.test(navigator.userAgent) ||
  (/Macintosh/.test(navigator.userAgent) && navigator.maxTouchPoints > 1);

/** Opened from the home screen (an installed app), where iOS allows push. */
export const isInstalled = (): boolean =>
  matchMedia('(display-mode: standalone)').matches ||
  (navigator as Navigator & { standalone?: boolean }).standalone === true;

/**
 * Registers /sw.js (the production build has it; the Vite dev server does not). updateViaCache
 * 'none': the browser asks the server for sw.js on every check, never its HTTP cache.
 */
export async function registerServiceWorker(): Promise<ServiceWorkerRegistration | undefined> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return undefined;
  return navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' });
}

export async function thisDeviceSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const registration = await navigator.serviceWorker.getRegistration('/');
  return (await registration?.pushManager.getSubscription()) ?? null;
}

export async function deviceIdOf(endpoint: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(endpoint));
  return [...new Uint8Array(digest)]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, 24);
}

const bytesOf = (base64url: string): Uint8Array<ArrayBuffer> => {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
};

/** Why push could not be turned on here, for the person (translated by the settings). */
export type TurnOnProblem = 'denied' | 'failed';

/**
 * Asks for permission, subscribes this browser with the server's key and registers the
 * subscription with the server. A subscription made with another key (the server's keys
 * changed) is replaced.
 */
export async function turnOnHere(publicKey: string): Promise<TurnOnProblem | null> {
  if ((await Notification.requestPermission()) !== 'granted') return 'denied';
  const registration = (await registerServiceWorker()) ?? (await navigator.serviceWorker.ready);
  await registration.update().catch(() => undefined);
  const key = bytesOf(publicKey);
  let subscription = await registration.pushManager.getSubscription();
  const ownKey = subscription?.options.applicationServerKey;
  if (subscription && ownKey && !sameBytes(new Uint8Array(ownKey), key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  try {
    subscription ??= await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: key,
    });
  } catch {
    // No push service reachable, or the browser refused: nothing was stored anywhere.
    return 'failed';
  }
  await pushApi.subscribe(pushSubscribeBodySchema.parse(subscription.toJSON()));
  return null;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Ends this browser's subscription and removes it from the server. */
export async function turnOffHere(): Promise<void> {
  const subscription = await thisDeviceSubscription();
  if (!subscription) return;
  const id = await deviceIdOf(subscription.endpoint);
  await subscription.unsubscribe();
  await pushApi.remove(id).catch(() => undefined); // already removed elsewhere: fine
}
