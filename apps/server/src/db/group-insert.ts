import type { mongo } from 'mongoose';

/**
 * Group commit for inserts: documents that arrive while an insert into the same collection is in
 * flight go together in the next one, as one unordered `insertMany`. A busy workspace then pays
 * one round trip per batch instead of one per document, and FerretDB writes the batch as one
 * multi-row INSERT in one transaction instead of a BEGIN, INSERT, COMMIT per document: with
 * many quiet conversations, where nothing else can be shared, that was most of a send's database
 * cost (docs/decisions.md, "Group commit"). A lone document is inserted at once, as before.
 *
 * Each caller hears about its own document only: its write error (a duplicate key is code
 * 11000, as from `insertOne`) or nothing. A batch refused as a whole, without per-document
 * errors, is tried again one document at a time, so one bad document fails alone.
 */
const MAX_BATCH = 200;

interface Pending {
  doc: mongo.OptionalId<mongo.Document>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

interface WriteError {
  index: number;
  code?: number;
  errmsg?: string;
  message?: string;
}

/** An error a caller can read as it would read `insertOne`'s (code 11000 for a duplicate key). */
class DocumentWriteError extends Error {
  constructor(
    message: string,
    readonly code: number | undefined,
  ) {
    super(message);
    this.name = 'DocumentWriteError';
  }
}

const writeErrorsOf = (err: unknown): WriteError[] | null => {
  const list = (err as { writeErrors?: WriteError[] | WriteError } | null)?.writeErrors;
  if (!list) return null;
  return Array.isArray(list) ? list : [list];
};

export interface GroupInsert {
  (doc: mongo.OptionalId<mongo.Document>): Promise<void>;
}

export function groupInsert(collection: () => mongo.Collection): GroupInsert {
  const queue: Pending[] = [];
  let flying = false;

  async function insertOneByOne(batch: Pending[]): Promise<void> {
    await Promise.all(
      batch.map((p) =>
        collection()
          .insertOne(p.doc)
          .then(() => p.resolve(), p.reject),
      ),
    );
  }

  async function flush(batch: Pending[]): Promise<void> {
    if (batch.length === 1) return insertOneByOne(batch);
    try {
      await collection().insertMany(
        batch.map((p) => p.doc),
        { ordered: false },
      );
      for (const p of batch) p.resolve();
    } catch (err) {
      const errors = writeErrorsOf(err);
      if (!errors?.length) return insertOneByOne(batch);
      const failed = new Map(errors.map((e) => [e.index, e]));
      batch.forEach((p, i) => {
        const e = failed.get(i);
        if (!e) p.resolve();
        else p.reject(new DocumentWriteError(e.errmsg ?? e.message ?? 'write error', e.code));
      });
    }
  }

  async function fly(): Promise<void> {
    flying = true;
    try {
      while (queue.length) {
        const batch = queue.splice(0, MAX_BATCH);
        await flush(batch).catch((err: unknown) => batch.forEach((p) => p.reject(err)));
      }
    } finally {
      flying = false;
    }
  }

  return (doc) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ doc, resolve, reject });
      if (!flying) void fly();
    });
}
