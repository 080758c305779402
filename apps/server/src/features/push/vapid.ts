import webpush from 'web-push';
import type { AppContext } from '../../context.js';
import { isDuplicateKey } from '../../errors.js';
import { VapidKeysModel } from './push.model.js';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const STORED_ID = 'vapid';
const cache = new WeakMap<AppContext, Promise<VapidKeys | null>>();

/**
 * The server's VAPID key pair: the configured one (VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY); in
 * production without them none (push is off); elsewhere the pair kept in the database, made by
 * whichever process asks first. The race is decided by an insert under the unique _id (as
 * lib/once.ts does: conditional updates are not atomic on FerretDB): every loser reads the
 * winner's pair, so all processes sign with the same key.
 */
export function vapidKeys(app: AppContext): Promise<VapidKeys | null> {
  let keys = cache.get(app);
  if (!keys) {
    keys = loadKeys(app);
    cache.set(app, keys);
    // A failed read (database away) is tried again next time, not remembered.
    keys.catch(() => cache.delete(app));
  }
  return keys;
}

async function loadKeys(app: AppContext): Promise<VapidKeys | null> {
  if (app.config.vapid) return app.config.vapid;
  if (app.config.isProduction) return null;
  return storedVapidKeys();
}

/** The stored pair, made now if there is none (exported for the two-process race test). */
export async function storedVapidKeys(): Promise<VapidKeys> {
  const made = webpush.generateVAPIDKeys();
  try {
    await VapidKeysModel.create({ _id: STORED_ID, ...made, createdAt: new Date() });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  const doc = await VapidKeysModel.findById(STORED_ID).lean();
  if (!doc) throw new Error('VAPID keys missing after insert');
  return { publicKey: doc.publicKey, privateKey: doc.privateKey };
}
