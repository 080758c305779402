import mongoose, { Schema, type Types } from 'mongoose';

/**
 * Stamps: one document per named set of data (`_id` the name), whose `stamp` every write to that
 * data replaces, from schema hooks so that no service and no process can forget it. A process
 * keeps what it loaded under the stamp it read, and reads the stamp again (one `_id` equality,
 * an index lookup on FerretDB too) before each use: another process's write is seen at the next
 * read. What FerretDB 1.x would otherwise do on every read is decode each matching document
 * in its own process (docs/BENCHMARKS.md). The library's catalogue does the same with its own
 * document (features/library/library-catalogue.model.ts).
 */
const stampSchema = new Schema(
  {
    _id: { type: String, required: true },
    stamp: { type: Schema.Types.ObjectId, required: true },
  },
  { versionKey: false },
);
const StampModel = mongoose.model('Stamp', stampSchema, 'stamps');

/**
 * A new stamp: after the write it follows, so a reader that read the old stamp before loading
 * reloads at its next read. Two first upserts at once: the loser's insert fails on `_id`, and it
 * sets its stamp on the winner's document.
 */
export async function touchStamp(name: string): Promise<void> {
  const update = { $set: { stamp: new mongoose.Types.ObjectId() } };
  try {
    await StampModel.updateOne({ _id: name }, update, { upsert: true });
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code !== 11000) throw err;
    await StampModel.updateOne({ _id: name }, update);
  }
}

/** Every write through this schema's model replaces the stamp `name`. */
export const stampOnWrite = (schema: Schema, name: string): void =>
  afterEveryWrite(schema, () => touchStamp(name));

/** Runs `touched` after every write through this schema's model, whichever method made it. */
export function afterEveryWrite(schema: Schema, touched: () => Promise<void>): void {
  schema.post('save', touched);
  schema.post(
    [
      'updateOne',
      'updateMany',
      'deleteOne',
      'deleteMany',
      'findOneAndUpdate',
      'findOneAndDelete',
      'replaceOne',
    ],
    touched,
  );
  schema.post('insertMany', touched);
  schema.post('bulkWrite', touched);
}

async function readStamp(name: string): Promise<string> {
  const doc = await StampModel.findById(name, { stamp: 1 }).lean<{ stamp: Types.ObjectId }>();
  if (doc) return String(doc.stamp);
  // Data written before stamps existed (or straight through the driver): the first reader
  // makes one, so the readers after it can keep what they load.
  await touchStamp(name);
  return readStamp(name);
}

/**
 * `load()`'s answer, kept in this process while the stamp `name` stays the same; the load is
 * shared by the readers that wait for it, and a failed one is not kept.
 */
export function stampedCache<T>(name: string, load: () => Promise<T>): () => Promise<T> {
  let cached: { stamp: string; loaded: Promise<T> } | null = null;
  return async () => {
    // The stamp first: a write that lands during the load leaves a newer stamp for the next read.
    const stamp = await readStamp(name);
    if (!cached || cached.stamp !== stamp) {
      const entry = { stamp, loaded: load() };
      cached = entry;
      entry.loaded.catch(() => {
        if (cached === entry) cached = null;
      });
    }
    return cached.loaded;
  };
}
