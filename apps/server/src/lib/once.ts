import mongoose, { Schema, type mongo } from 'mongoose';
import { isDuplicateKey } from '../errors.js';

/**
 * Exactly-once claims: an insert under the unique _id index. On FerretDB 1.x concurrent
 * conditional updates of one document are NOT atomic (measured: 20 concurrent compare-and-set
 * updates had up to 15 winners; see docs/decisions.md), but a unique-index insert is, on
 * FerretDB and MongoDB alike. Use this wherever exactly one of several racers may win.
 */
const claimSchema = new Schema(
  {
    _id: { type: String, required: true },
    createdAt: { type: Date, required: true },
    /** After this the claim may be purged; null keeps it as long as what it guards exists. */
    expiresAt: { type: Date, default: null },
    /** A lock's holder (lease.ts): only it releases the lock. */
    holder: { type: String, default: null },
  },
  { versionKey: false },
);
claimSchema.index({ expiresAt: 1 });
export const ClaimModel = mongoose.model('OnceClaim', claimSchema, 'onceclaims');

/** True for exactly one caller per key (until the key is released or purged). */
export async function claimOnce(
  key: string,
  opts: { expiresAt?: Date; now?: Date } = {},
): Promise<boolean> {
  try {
    await ClaimModel.create({
      _id: key,
      createdAt: opts.now ?? new Date(),
      expiresAt: opts.expiresAt ?? null,
    });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/**
 * `claimOnce` for several keys in few round trips (unordered inserts of at most 25: FerretDB's
 * bulk limit, db/bulk-write.ts): the keys this caller won, each won by exactly one caller.
 */
export async function claimEach(
  keys: readonly string[],
  opts: { expiresAt?: Date; now?: Date } = {},
): Promise<Set<string>> {
  const won = new Set<string>();
  for (let i = 0; i < keys.length; i += 25) {
    const chunk = keys.slice(i, i + 25);
    const docs = chunk.map((key) => ({
      _id: key,
      createdAt: opts.now ?? new Date(),
      expiresAt: opts.expiresAt ?? null,
    }));
    let lost = new Set<number>();
    try {
      // The raw driver: its error lists every duplicate by index (claims' ids are strings).
      await (
        ClaimModel.collection as unknown as mongo.Collection<(typeof docs)[number]>
      ).insertMany(docs, { ordered: false });
    } catch (err) {
      const writeErrors = (err as { writeErrors?: { index: number; code?: number }[] }).writeErrors;
      // Without the list nobody can tell which keys are ours: fail rather than guess.
      if (!writeErrors?.length || writeErrors.some((e) => e.code !== 11000)) throw err;
      lost = new Set(writeErrors.map((e) => e.index));
    }
    chunk.forEach((key, j) => {
      if (!lost.has(j)) won.add(key);
    });
  }
  return won;
}

/** Gives a key back (e.g. the guarded action failed and may be tried again). */
export async function releaseClaim(key: string): Promise<void> {
  await ClaimModel.deleteOne({ _id: key });
}

/** Removes claims whose expiry has passed (run from a periodic job). */
export async function purgeExpiredClaims(now = new Date()): Promise<number> {
  const res = await ClaimModel.deleteMany({ expiresAt: { $ne: null, $lte: now } });
  return res.deletedCount;
}
