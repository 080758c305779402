import { createHmac } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import { DAY } from '../../lib/time.js';
import { storedSecret } from '../../lib/server-secret.js';

/**
 * The wait before a rejected address may ask again. Only an HMAC of the address is kept, under
 * a server secret (a plain hash of an e-mail address is reversed by hashing a list of
 * addresses), and only until the wait ends; the request itself goes on its own schedule.
 */
const rejectedAddressSchema = new Schema(
  {
    /** HMAC-SHA256 of the lower-cased address. */
    _id: { type: String, required: true },
    until: { type: Date, required: true },
  },
  { versionKey: false },
);
rejectedAddressSchema.index({ until: 1 });
const RejectedAddressModel = mongoose.model(
  'RejectedAddress',
  rejectedAddressSchema,
  'rejectedaddresses',
);

let key: Promise<string> | null = null;
async function addressHash(email: string): Promise<string> {
  const secret = await (key ??= storedSecret('rejected-address').catch((err: unknown) => {
    key = null;
    throw err;
  }));
  return createHmac('sha256', secret).update(email.toLowerCase()).digest('hex');
}

export async function rememberRejected(email: string, days: number, now: Date): Promise<void> {
  const until = new Date(now.getTime() + days * DAY);
  await RejectedAddressModel.updateOne(
    { _id: await addressHash(email) },
    { $set: { until } },
    { upsert: true },
  );
}

/** When the address may ask again, if it is still waiting. */
export async function rejectedUntil(email: string, now: Date): Promise<Date | null> {
  const doc = await RejectedAddressModel.findById(await addressHash(email)).lean();
  return doc && doc.until > now ? doc.until : null;
}

/** The wait is over: nothing of the address is kept (the retention job). */
export async function purgeRejectedAddresses(now: Date): Promise<number> {
  return (await RejectedAddressModel.deleteMany({ until: { $lte: now } })).deletedCount;
}
