import type { Logger } from '../log.js';
import { randomUUID } from 'node:crypto';
import { isDuplicateKey } from '../errors.js';
import { ClaimModel, claimOnce, purgeExpiredClaims } from './once.js';

/**
 * Takes the lease `name` for the time slot of length `ttlMs` that `now` falls in: exactly one
 * process wins each slot. Built on a unique-index insert (lib/once.ts) because FerretDB 1.x
 * does not make concurrent conditional updates atomic.
 */
export async function acquireLease(
  name: string,
  ttlMs: number,
  now = new Date(),
): Promise<boolean> {
  const slot = Math.floor(now.getTime() / ttlMs);
  // Kept for two slots so a late racer of the same slot still finds it taken.
  const expiresAt = new Date((slot + 2) * ttlMs);
  return claimOnce(`lease:${name}:${slot}`, { expiresAt, now });
}

/** A lock this process holds; `release` frees it only if it is still this holder's. */
export interface HeldLock {
  release(): Promise<void>;
}

/**
 * An exclusive lock for work of unknown length (held until released, or until `ttlMs` passes
 * if the holder died). Exactly one racer inserts the key; an expired lock is cleared first.
 * The row names its holder, so a holder whose time ran out cannot free its successor's lock.
 */
export async function acquireLock(
  name: string,
  ttlMs: number,
  now = new Date(),
): Promise<HeldLock | null> {
  const _id = `lock:${name}`;
  const holder = randomUUID();
  const take = async () => {
    try {
      await ClaimModel.create({
        _id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + ttlMs),
        holder,
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  };
  let taken = await take();
  if (!taken) {
    const cleared = await ClaimModel.deleteOne({ _id, expiresAt: { $lte: now } });
    taken = cleared.deletedCount === 1 && (await take());
  }
  if (!taken) return null;
  return {
    async release() {
      await ClaimModel.deleteOne({ _id, holder });
    },
  };
}

export interface PeriodicJob {
  name: string;
  everyMs: number;
  run(): Promise<void>;
}

/**
 * Runs `job` about every `everyMs` in exactly one of the processes: the lease lasts one
 * interval, so other processes' ticks in that interval find it taken.
 */
export function startPeriodicJob(
  job: PeriodicJob,
  log: Logger,
): { stop(): void; runNow(): Promise<void> } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (await acquireLease(`job:${job.name}`, job.everyMs)) {
        await job.run();
        await purgeExpiredClaims();
      }
    } catch (err) {
      log.error({ err, job: job.name }, 'periodic job failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), job.everyMs);
  timer.unref();
  const first = setTimeout(() => void tick(), 1000);
  first.unref();
  return {
    stop() {
      clearInterval(timer);
      clearTimeout(first);
    },
    runNow: () => job.run(),
  };
}
