import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories.js';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { freshIp } from '../../test/access-helpers.js';
import { DEVICE_COOKIE } from './device-cookie.js';
import { SIGN_IN_LIMITS } from './sign-in-throttle.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ TRUST_PROXY: 'true' });
});
afterAll(async () => {
  await server.close();
});

const PASSWORD = 'pitkä ja hyvä salasana';
const WRONG = 'väärä salasana tässä';

async function owner() {
  return (await createUser(server.application, { password: PASSWORD })).email;
}

/** A browser: one client address and whatever device cookie the server gave it. */
interface Browser {
  ip: string;
  device?: string;
}
const browser = (ip = freshIp()): Browser => ({ ip });

async function signIn(b: Browser, email: string, password: string) {
  const res = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: 'http://localhost:3999',
      'x-forwarded-for': b.ip,
      ...(b.device ? { cookie: b.device } : {}),
    },
    body: JSON.stringify({ email, password }),
  });
  const set = res.headers.getSetCookie().find((c) => c.startsWith(`${DEVICE_COOKIE}=`));
  if (set) b.device = set.split(';')[0];
  const body = (await res.json()) as { code?: string; retryAfter?: number };
  return { status: res.status, body, deviceCookie: set ?? null };
}

describe('sign-in throttling with device cookies', () => {
  it('a stranger failing 50 times is locked, but does not stop the owner’s device', async () => {
    const email = await owner();
    const laptop = browser();
    const first = await signIn(laptop, email, PASSWORD);
    expect(first.status).toBe(200);

    // The stranger rotates over five client addresses, as a small botnet would.
    const stranger = Array.from({ length: 5 }, () => browser());
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++)
      statuses.push((await signIn(stranger[i % 5]!, email, WRONG)).status);

    // The owner's laptop signs in, even from an address the stranger used (carrier NAT).
    expect((await signIn(laptop, email, PASSWORD)).status).toBe(200);
    expect((await signIn({ ...laptop, ip: stranger[1]!.ip }, email, PASSWORD)).status).toBe(200);

    // Ten tries reached the password check; the other forty were refused unchecked.
    const checked = statuses.filter((s) => s === 401).length;
    expect(checked).toBe(SIGN_IN_LIMITS.address.failures);
    expect(statuses.slice(checked)).toEqual(Array(50 - checked).fill(429));
    // The stranger is locked, the right password included.
    const guessed = await signIn(stranger[0]!, email, PASSWORD);
    expect(guessed.status).toBe(429);
    expect(guessed.body.code).toBe('RATE_LIMITED');
    expect(guessed.deviceCookie).toBeNull();

    // A new, untrusted browser for that address is limited while the attack goes on.
    const newPhone = await signIn(browser(), email, PASSWORD);
    expect(newPhone.status).toBe(429);
    expect(newPhone.body.retryAfter).toBeGreaterThan(60);

    // The device cookie: for the sign-in routes only, out of JavaScript's reach, no address in it.
    expect(first.deviceCookie).toMatch(/HttpOnly/);
    expect(first.deviceCookie).toMatch(/SameSite=Strict/);
    expect(first.deviceCookie).toMatch(/Path=\/api\/auth/);
    expect(first.deviceCookie).not.toContain(email.split('@')[0]!);
  });

  it('counts a trusted device’s own failures, and trusts it only for its own address', async () => {
    const email = await owner();
    const other = await owner();
    const tablet = browser();
    expect((await signIn(tablet, email, PASSWORD)).status).toBe(200);
    const cookie = tablet.device!;

    // A forged tag is not trusted: under attack it is refused like any stranger.
    const [name, version, id, tag] = cookie.split(/[=.]/);
    const forgedTag = `${tag!.slice(1)}${tag![0]}`;
    const forged = { ip: freshIp(), device: `${name}=${version}.${id}.${forgedTag}` };
    for (let i = 0; i < SIGN_IN_LIMITS.address.failures; i++)
      expect((await signIn(browser(), email, WRONG)).status).toBe(401);
    expect((await signIn(forged, email, PASSWORD)).status).toBe(429);
    expect((await signIn(tablet, email, PASSWORD)).status).toBe(200);

    // Its own counter: five wrong tries on the tablet, then even the right one waits.
    for (let i = 0; i < SIGN_IN_LIMITS.device.failures; i++)
      expect((await signIn(tablet, email, WRONG)).status).toBe(401);
    const locked = await signIn(tablet, email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.retryAfter).toBeGreaterThan(60);

    // The cookie says nothing about another address: there the tablet is a stranger.
    for (let i = 0; i < SIGN_IN_LIMITS.address.failures; i++)
      expect((await signIn(browser(), other, WRONG)).status).toBe(401);
    expect((await signIn({ ip: freshIp(), device: cookie }, other, PASSWORD)).status).toBe(429);
  });

  it('lets a burst of parallel guesses reach the password check no more often than one by one', async () => {
    const email = await owner();
    const stranger = browser();
    const burst = await Promise.all(
      Array.from({ length: 20 }, () => signIn({ ...stranger }, email, WRONG)),
    );
    expect(burst.filter((r) => r.status === 401)).toHaveLength(SIGN_IN_LIMITS.pair.failures);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(20 - SIGN_IN_LIMITS.pair.failures);
  });

  it('limits one client address spraying many addresses, but not the devices behind it', async () => {
    const email = await owner();
    const school = freshIp();
    const parent: Browser = browser(school);
    expect((await signIn(parent, email, PASSWORD)).status).toBe(200);

    const sprayer = browser(school);
    const statuses: number[] = [];
    for (let i = 0; i <= SIGN_IN_LIMITS.client.failures; i++)
      statuses.push((await signIn(sprayer, `kohde-${i}@example.test`, WRONG)).status);
    expect(statuses.slice(0, -1)).toEqual(Array(SIGN_IN_LIMITS.client.failures).fill(401));
    expect(statuses.at(-1)).toBe(429);
    // Another untrusted try from that address for any e-mail address waits too...
    const next = await signIn(browser(school), await owner(), PASSWORD);
    expect(next.status).toBe(429);
    expect(next.body.retryAfter).toBeGreaterThan(60);
    // ...while the parent's trusted browser behind the same address signs in.
    expect((await signIn(parent, email, PASSWORD)).status).toBe(200);
    // And the address is not blocked from elsewhere.
    expect((await signIn(browser(), `kohde-0@example.test`, WRONG)).status).toBe(401);
  });
});
