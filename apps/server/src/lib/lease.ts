import { randomBytes } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import { isDuplicateKey } from '../errors.js';
import type { Logger } from '../log.js';

/** One document per periodic job: whoever holds an unexpired lease runs the job. */
const leaseSchema = new Schema(
  { _id: { type: String, required: true }, holder: { type: String, required: true }, expiresAt: { type: Date, required: true } },
  { versionKey: false },
);
export const LeaseModel = mongoose.model('Lease', leaseSchema);

const processId = randomBytes(8).toString('hex');

/**
 * Takes the lease `name` for `ttlMs` if it is free or expired. Portable: an upsert that
 * collides on _id (someone else holds it) is simply "not acquired".
 */
export async function acquireLease(name: string, ttlMs: number, holder = processId, now = new Date()): Promise<boolean> {
  try {
    const doc = await LeaseModel.findOneAndUpdate(
      { _id: name, expiresAt: { $lte: now } },
      { $set: { holder, expiresAt: new Date(now.getTime() + ttlMs) } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    return doc?.holder === holder;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
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
export function startPeriodicJob(job: PeriodicJob, log: Logger): { stop(): void; runNow(): Promise<void> } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (await acquireLease(`job:${job.name}`, job.everyMs)) await job.run();
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
