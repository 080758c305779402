import type { Logger } from '../log.js';
import { ClaimModel, claimOnce, purgeExpiredClaims, releaseClaim } from './once.js';

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

/**
 * An exclusive lock for work of unknown length (held until released, or until `ttlMs` passes
 * if the holder died). Exactly one racer inserts the key; an expired lock is cleared first.
 */
export async function acquireLock(name: string, ttlMs: number, now = new Date()): Promise<boolean> {
  const key = `lock:${name}`;
  const expiresAt = new Date(now.getTime() + ttlMs);
  if (await claimOnce(key, { expiresAt, now })) return true;
  const cleared = await ClaimModel.deleteOne({ _id: key, expiresAt: { $lte: now } });
  return cleared.deletedCount === 1 && claimOnce(key, { expiresAt, now });
}

export async function releaseLock(name: string): Promise<void> {
  await releaseClaim(`lock:${name}`);
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
