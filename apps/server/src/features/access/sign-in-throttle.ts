import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { createFailureCounter, type FailureCounter } from '../../lib/rate-limit.js';
import { deviceCookieFor, deviceSecret, readDevice, trustedFor } from './device-cookie.js';

const MIN = 60;
const HOUR_S = 60 * MIN;

/**
 * Failed sign-ins, counted so that a stranger cannot lock the owner out (docs/decisions.md,
 * "Sign-in failures are counted so that a stranger cannot lock the owner out"):
 * - a browser with a device cookie for the address counts only its own failures;
 * - every other try counts against (address, client address), the address as seen from all
 *   untrusted clients together, and the client address across every e-mail address.
 * The right password does not pass a lock: checking it would tell the guesser it was right.
 */
export const SIGN_IN_LIMITS = {
  /** Consecutive failures of one trusted device for one address. */
  device: { failures: 5, durationSeconds: 24 * HOUR_S, blockSeconds: 15 * MIN },
  /** Consecutive failures for one address from one client address. */
  pair: { failures: 5, durationSeconds: 24 * HOUR_S, blockSeconds: 15 * MIN },
  /** Failures for one address from every untrusted client: a spread-out attack. */
  address: { failures: 10, durationSeconds: 15 * MIN, blockSeconds: 15 * MIN },
  /** Failures from one client address over every e-mail address: spraying. Generous, as
   * carrier NAT and school networks put many people behind one address. */
  client: { failures: 50, durationSeconds: HOUR_S, blockSeconds: HOUR_S },
} as const;

/** An attempt counts as a failure unless it is settled otherwise. */
export interface SignInAttempt {
  /** The password was right: the consecutive counts start over. */
  succeeded(): Promise<void>;
  /** Not a guess after all (the check itself failed, e.g. the database): uncount it. */
  cancel(): Promise<void>;
}

export interface SignInThrottle {
  /** Throws RATE_LIMITED (with retryAfter) when this client may not try this address now. */
  begin(req: Request, email: string): Promise<SignInAttempt>;
  /** At every successful sign-in (password, link or set-up): this browser is now trusted. */
  trustDevice(req: Request, res: Response, email: string): Promise<void>;
}

/** Counter keys carry no e-mail address in the clear (Redis is not for personal data). */
const hashed = (email: string) =>
  createHash('sha256').update(email).digest('base64url').slice(0, 22);

export function createSignInThrottle(app: AppContext): SignInThrottle {
  const counter = (name: keyof typeof SIGN_IN_LIMITS) =>
    createFailureCounter({ name: `sign-in-${name}`, ...SIGN_IN_LIMITS[name] }, app.redis);
  const counters = {
    device: counter('device'),
    pair: counter('pair'),
    address: counter('address'),
    client: counter('client'),
  };
  let secret: Promise<string> | undefined;
  // Read once; a failed read (database down) is tried again at the next sign-in.
  const getSecret = () =>
    (secret ??= deviceSecret(app.config.deviceCookieSecret).catch((err: unknown) => {
      secret = undefined;
      throw err;
    }));
  const clientOf = (req: Request) => req.ip ?? 'unknown';

  type Taken = Array<[FailureCounter, string]>;
  const giveBack = async (taken: Taken) => {
    await Promise.all(taken.map(([c, key]) => c.giveBack(key)));
  };
  /** A point from each counter, or none: a refused try costs the other counters nothing. */
  async function take(wanted: Taken): Promise<Taken> {
    const taken: Taken = [];
    for (const [c, key] of wanted) {
      const retryAfter = await c.take(key);
      if (retryAfter) {
        await giveBack(taken);
        throw new AppError('RATE_LIMITED', 'sign-in throttled', { retryAfter });
      }
      taken.push([c, key]);
    }
    return taken;
  }

  return {
    async begin(req, email) {
      const who = hashed(email);
      const device = readDevice(req.headers.cookie);
      if (device && trustedFor(device, await getSecret(), email)) {
        const key = `${who}|${device.id}`;
        await take([[counters.device, key]]);
        return {
          succeeded: () => counters.device.reset(key),
          cancel: () => counters.device.giveBack(key),
        };
      }
      const client = clientOf(req);
      const pair = `${who}|${client}`;
      const taken = await take([
        [counters.pair, pair],
        [counters.address, who],
        [counters.client, client],
      ]);
      return {
        async succeeded() {
          await Promise.all([
            counters.pair.reset(pair),
            counters.address.giveBack(who),
            counters.client.giveBack(client),
          ]);
        },
        cancel: () => giveBack(taken),
      };
    },
    async trustDevice(req, res, email) {
      const cookie = deviceCookieFor(
        readDevice(req.headers.cookie),
        await getSecret(),
        email,
        app.config.isProduction,
      );
      res.append('Set-Cookie', cookie);
    },
  };
}
