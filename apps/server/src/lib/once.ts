import mongoose, { Schema } from 'mongoose';
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

/** Gives a key back (e.g. the guarded action failed and may be tried again). */
export async function releaseClaim(key: string): Promise<void> {
  await ClaimModel.deleteOne({ _id: key });
}

/** Removes claims whose expiry has passed (run from a periodic job). */
export async function purgeExpiredClaims(now = new Date()): Promise<number> {
  const res = await ClaimModel.deleteMany({ expiresAt: { $ne: null, $lte: now } });
  return res.deletedCount;
}
