import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { AppError } from '../errors.js';
import type { RedisClient } from './redis.js';

export interface RateLimit {
  /** Takes one point for `key`; throws RATE_LIMITED (with retryAfter seconds) when none are left. */
  consume(key: string, points?: number): Promise<void>;
  reset(key: string): Promise<void>;
}

export interface RateLimitOptions {
  name: string;
  points: number;
  durationSeconds: number;
  /** Seconds to block after the points run out (backoff). */
  blockSeconds?: number;
}

/**
 * Counters live in Redis when there is one, so that every process shares them. While Redis is
 * unreachable the process counts in memory instead: node-redis queues commands while it
 * reconnects, and a limiter waiting on that queue would stall every send for the whole outage.
 */
function limiterFor(
  name: string,
  limits: { points: number; duration: number; blockDuration: number },
  redis?: RedisClient,
): () => RateLimiterAbstract {
  const common = { keyPrefix: `rl:${name}`, ...limits };
  const memory = new RateLimiterMemory(common);
  const shared: RateLimiterAbstract | undefined = redis
    ? new RateLimiterRedis({
        ...common,
        storeClient: redis,
        useRedisPackage: true,
        insuranceLimiter: memory,
      })
    : undefined;
  return () => (shared && redis?.isReady ? shared : memory);
}

/** A limit on attempts per key (see limiterFor for where the counters live). */
export function createRateLimit(opts: RateLimitOptions, redis?: RedisClient): RateLimit {
  const limiter = limiterFor(
    opts.name,
    { points: opts.points, duration: opts.durationSeconds, blockDuration: opts.blockSeconds ?? 0 },
    redis,
  );
  return {
    async consume(key, points = 1) {
      try {
        await limiter().consume(key, points);
      } catch (res) {
        if (res instanceof RateLimiterRes) {
          throw new AppError('RATE_LIMITED', `rate limit ${opts.name}`, {
            retryAfter: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
          });
        }
        throw res;
      }
    },
    async reset(key) {
      await limiter().delete(key);
    },
  };
}

/** Every limit must have a point left (e.g. a short burst limit and a longer sustained one). */
export function allOf(...limits: RateLimit[]): RateLimit {
  return {
    async consume(key, points) {
      for (const limit of limits) await limit.consume(key, points);
    },
    async reset(key) {
      await Promise.all(limits.map((l) => l.reset(key)));
    },
  };
}

export interface FailureCounter {
  /**
   * Takes a point before the attempt is judged, atomically (so a burst of parallel guesses
   * cannot all slip in before the first failure is counted). Returns 0, or the seconds the
   * key must wait: the try after the `failures`-th blocks it for `blockSeconds`.
   */
  take(key: string): Promise<number>;
  /** Returns the point of an attempt that was not a failure. */
  giveBack(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

export interface FailureCounterOptions {
  name: string;
  failures: number;
  durationSeconds: number;
  blockSeconds: number;
}

/**
 * Counts failures rather than attempts (rate-limiter-flexible's login recipe): every attempt
 * takes a point and a success gives it back (or wipes the key). Same Redis-or-memory choice as
 * createRateLimit.
 */
export function createFailureCounter(
  opts: FailureCounterOptions,
  redis?: RedisClient,
): FailureCounter {
  const limiter = limiterFor(
    opts.name,
    { points: opts.failures, duration: opts.durationSeconds, blockDuration: opts.blockSeconds },
    redis,
  );
  return {
    async take(key) {
      try {
        await limiter().consume(key, 1);
        return 0;
      } catch (res) {
        if (res instanceof RateLimiterRes) return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
        throw res;
      }
    },
    async giveBack(key) {
      await limiter().reward(key, 1);
    },
    async reset(key) {
      await limiter().delete(key);
    },
  };
}
