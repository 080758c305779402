import mongoose, { Query, Schema, type Types } from 'mongoose';

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

type Update = Record<string, unknown> | unknown[] | null;

/** The fields an update names: `$set: {a: 1}, b: 2` → a, b. A pipeline names all (null). */
function updatedPaths(update: Update): string[] | null {
  if (!update || Array.isArray(update)) return null;
  const paths: string[] = [];
  for (const [key, value] of Object.entries(update)) {
    if (!key.startsWith('$')) paths.push(key);
    else if (value && typeof value === 'object') paths.push(...Object.keys(value));
  }
  return paths;
}

const UPDATES = /^(updateOne|updateMany|findOneAndUpdate|replaceOne|findOneAndReplace)$/;
const REMOVALS = /^(deleteOne|deleteMany|findOneAndDelete)$/;

/**
 * Runs `touched` after every write through this schema's model, whichever method made it
 * (document and query `deleteOne`/`updateOne` alike), before the writer hears back. An update
 * that names only `harmless` fields (and `updatedAt`) is skipped: for data kept for one purpose
 * (who may write where), a field kept for another (a read mark) need not empty every memory.
 */
export function afterEveryWrite(
  schema: Schema,
  touched: () => Promise<void>,
  harmless: readonly string[] = [],
): void {
  const keep = new Set([...harmless, 'updatedAt']);
  const both = { document: true, query: true };
  schema.post('save', touched);
  schema.post('insertMany', touched);
  schema.post('bulkWrite', touched);
  schema.post(REMOVALS, both, touched);
  schema.post(UPDATES, both, async function (this: unknown) {
    if (this instanceof Query) {
      const paths = updatedPaths(this.getUpdate() as Update);
      if (paths?.every((p) => keep.has(p))) return;
    }
    await touched();
  });
}

export async function readStamp(name: string): Promise<string> {
  const doc = await StampModel.findById(name, { stamp: 1 }).lean<{ stamp: Types.ObjectId }>();
  if (doc) return String(doc.stamp);
  // Data written before stamps existed (or straight through the driver): the first reader
  // makes one, so the readers after it can keep what they load.
  await touchStamp(name);
  return readStamp(name);
}

let inFlight: Promise<Map<string, string>> | null = null;
let next: Promise<Map<string, string>> | null = null;

/** Every stamp (a handful of documents: one per named set of data), in one read. */
async function readAllStamps(): Promise<Map<string, string>> {
  const docs = await StampModel.find({}, { stamp: 1 }).lean<
    { _id: string; stamp: Types.ObjectId }[]
  >();
  return new Map(docs.map((d) => [d._id, String(d.stamp)]));
}

/**
 * Every stamp as stored at some moment after this call began. Calls share reads: a caller
 * joins the read in flight only if it has not begun yet, which it cannot know, so it waits for
 * the next one, which starts the moment the current one answers. However many sends arrive, and
 * whichever stamps they need (who may write where, notification settings), the stamps are read
 * about once per round trip, and never a value older than the caller.
 */
function freshStamps(): Promise<Map<string, string>> {
  if (!inFlight) {
    const read = readAllStamps();
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
      return freshStamps();
    });
  return next;
}

/** The stamp `name` as stored at some moment after this call began (a shared read). */
export async function freshStamp(name: string): Promise<string> {
  return (await freshStamps()).get(name) ?? readStamp(name);
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
