import { randomUUID } from 'node:crypto';
import mongoose, { Query, Schema } from 'mongoose';

/**
 * One document whose value changes with every write that can change who may write where
 * (memberships, a conversation's access fields, mutes, blocks). A process may answer such a
 * check from memory while the value it read is still the stored one (docs/decisions.md, "Send
 * checks from memory"). It works with any number of processes and without Redis, because it is
 * the database itself that tells a process its memory is old.
 *
 * The value is a fresh random token, never a count: FerretDB's `$inc` loses concurrent
 * increments (see SeqClaimModel), and two writers landing on one number would leave a reader's
 * stale memory looking current. With tokens, a value once replaced never comes back.
 */
const stampSchema = new Schema(
  { _id: { type: String, required: true }, token: { type: String, required: true } },
  { versionKey: false },
);
const AccessStampModel = mongoose.model('AccessStamp', stampSchema, 'accessstamps');
const ID = 'access';

export async function bumpAccessStamp(): Promise<void> {
  await AccessStampModel.updateOne(
    { _id: ID },
    { $set: { token: randomUUID() } },
    { upsert: true },
  );
}

const readStamp = async (): Promise<string> => {
  const doc = (await AccessStampModel.findById(ID).lean()) as { token?: string } | null;
  return doc?.token ?? 'none';
};

let inFlight: Promise<string> | null = null;
let next: Promise<string> | null = null;

/**
 * The stamp as stored at some moment after this call began. Calls share reads: a caller joins
 * the read in flight only if it has not begun yet, which it cannot know, so it waits for the next
 * one, which starts the moment the current one answers. However many sends arrive, the stamp is
 * read about once per round trip, and never a value older than the caller.
 */
export function freshAccessStamp(): Promise<string> {
  if (!inFlight) {
    const read = readStamp();
    inFlight = read;
    const clear = () => {
      if (inFlight === read) inFlight = null;
    };
    read.then(clear, clear);
    return read;
  }
  next ??= inFlight
    .catch(() => undefined)
    .then(() => {
      next = null;
      return freshAccessStamp();
    });
  return next;
}

type Update = Record<string, unknown> | unknown[] | null;

/** The fields an update names: `$set: {a: 1}, b: 2` → a, b. A pipeline names all (unknown). */
function updatedPaths(update: Update): string[] | null {
  if (!update || Array.isArray(update)) return null;
  const paths: string[] = [];
  for (const [key, value] of Object.entries(update)) {
    if (key.startsWith('$')) {
      if (value && typeof value === 'object') paths.push(...Object.keys(value));
    } else paths.push(key);
  }
  return paths;
}

const REMOVALS = /^(deleteOne|deleteMany|findOneAndDelete)$/;
const UPDATES = /^(updateOne|updateMany|findOneAndUpdate|replaceOne|findOneAndReplace)$/;

/**
 * Every write through this schema's model replaces the stamp once it is done, before the writer
 * hears back, so the writer's next step (and anyone's after it) sees memory dropped. `harmless`
 * fields change nothing about access (a read mark, the last message's time): an update of only
 * those keeps the stamp, so ordinary chatting does not empty every process's memory. Writes that
 * bypass the model (`Model.collection`) are not seen: the lint rule against them covers these
 * models (eslint.config.js).
 */
export function bumpAccessStampOnWrite(schema: Schema, harmless: readonly string[] = []): void {
  const keep = new Set([...harmless, 'updatedAt']);
  const bumpAfter = async () => bumpAccessStamp();
  schema.post('save', bumpAfter);
  schema.post('insertMany', bumpAfter);
  schema.post('bulkWrite', bumpAfter);
  // deleteOne and updateOne exist on documents too: hook both kinds.
  const both = { document: true, query: true };
  schema.post(REMOVALS, both, bumpAfter);
  schema.post(UPDATES, both, async function (this: unknown) {
    if (!(this instanceof Query)) return bumpAccessStamp();
    const paths = updatedPaths(this.getUpdate() as Update);
    if (paths && paths.every((p) => keep.has(p))) return;
    await bumpAccessStamp();
  });
}
