import { randomBytes } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import { isDuplicateKey } from '../errors.js';

const secretSchema = new Schema(
  { _id: { type: String, required: true }, value: { type: String, required: true } },
  { versionKey: false },
);
const ServerSecretModel = mongoose.model('ServerSecret', secretSchema, 'serversecrets');

/**
 * A random secret named `id`, made by whichever process asks first and kept in the database (a
 * unique-_id insert decides the race, lib/once.ts): HMAC keys that must survive restarts and
 * agree across processes without configuration.
 */
export async function storedSecret(id: string): Promise<string> {
  try {
    await ServerSecretModel.create({ _id: id, value: randomBytes(32).toString('base64url') });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  const doc = await ServerSecretModel.findById(id).lean();
  if (!doc) throw new Error(`server secret ${id} missing`);
  return doc.value;
}
