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

/** Counters live in Redis when there is one, so that every process shares them. */
export function createRateLimit(opts: RateLimitOptions, redis?: RedisClient): RateLimit {
  const common = {
    keyPrefix: `rl:${opts.name}`,
    points: opts.points,
    duration: opts.durationSeconds,
    blockDuration: opts.blockSeconds ?? 0,
  };
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({
        ...common,
        storeClient: redis,
        useRedisPackage: true,
        insuranceLimiter: new RateLimiterMemory(common),
      })
    : new RateLimiterMemory(common);
  return {
    async consume(key, points = 1) {
      try {
        await limiter.consume(key, points);
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
      await limiter.delete(key);
    },
  };
}
