import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DAY } from '../../lib/time.js';
import { storedSecret } from '../../lib/server-secret.js';

/**
 * OWASP's device cookie ("Slow Down Online Guessing Attacks with Device Cookies"): a browser
 * that has signed in to an address before may keep trying that address while strangers are
 * locked out of it. The cookie holds a random device id and, per address signed in from this
 * browser (a family tablet has several), an HMAC of (device id, address) under a server secret:
 * it names no address, and nobody without the secret can make one for someone else's address.
 */
export const DEVICE_COOKIE = 'yt_device';
const VERSION = 'v1';
const MAX_ADDRESSES = 5;
const MAX_AGE_S = (180 * DAY) / 1000;
const TAG_BYTES = 16;

export interface Device {
  id: string;
  tags: string[];
}

const tag = (secret: string, deviceId: string, email: string) =>
  createHmac('sha256', secret)
    .update(`${deviceId}\n${email}`)
    .digest()
    .subarray(0, TAG_BYTES)
    .toString('base64url');

/** The device cookie as sent, if well-formed (its tags are not checked here). */
export function readDevice(cookieHeader: string | undefined): Device | null {
  const raw = (cookieHeader ?? '')
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${DEVICE_COOKIE}=`))
    ?.slice(DEVICE_COOKIE.length + 1);
  const [version, id, ...tags] = (raw ?? '').split('.');
  const wellFormed = (s: string | undefined) => !!s && /^[A-Za-z0-9_-]{16,43}$/.test(s);
  if (version !== VERSION || !wellFormed(id) || tags.length > MAX_ADDRESSES) return null;
  if (!tags.every(wellFormed)) return null;
  return { id: id!, tags };
}

/** True when this device has signed in to `email` before (its tag is genuine). */
export function trustedFor(device: Device | null, secret: string, email: string): boolean {
  if (!device) return false;
  const expected = Buffer.from(tag(secret, device.id, email));
  return device.tags.some((t) => {
    const given = Buffer.from(t);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** Set-Cookie for a successful sign-in: this address first, the device's others kept. */
export function deviceCookieFor(
  device: Device | null,
  secret: string,
  email: string,
  secure: boolean,
): string {
  const id = device?.id ?? randomBytes(16).toString('base64url');
  const own = tag(secret, id, email);
  const tags = [own, ...(device?.tags ?? []).filter((t) => t !== own)].slice(0, MAX_ADDRESSES);
  const attributes = [
    `Max-Age=${MAX_AGE_S}`,
    // Sent only to the sign-in routes, never to JavaScript or another site.
    'Path=/api/auth',
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ];
  return [`${DEVICE_COOKIE}=${[VERSION, id, ...tags].join('.')}`, ...attributes].join('; ');
}

// ---- The secret ---------------------------------------------------------------------------

/**
 * DEVICE_COOKIE_SECRET when configured; otherwise one random secret kept in the database
 * (server-secret.ts), so device cookies survive restarts and work on every process without
 * configuration.
 */
export async function deviceSecret(configured: string | undefined): Promise<string> {
  return configured ?? storedSecret('device-cookie');
}
