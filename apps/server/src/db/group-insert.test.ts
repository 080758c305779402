import mongoose from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectTestDatabase } from '../test/harness.js';
import { groupInsert } from './group-insert.js';

/** Group commit on the real database: each caller hears only its own document's outcome. */
let collection: mongoose.mongo.Collection;
beforeAll(async () => {
  await connectTestDatabase();
  collection = mongoose.connection.collection(`group_insert_${Date.now()}`);
  await collection.createIndex({ k: 1 }, { unique: true });
});

const outcome = (p: Promise<void>) =>
  p.then(
    () => 'stored',
    (err: { code?: number }) => `refused ${err.code ?? '?'}`,
  );

describe('group insert', () => {
  it('stores documents arriving together in one batch, refusing only the duplicate', async () => {
    const insert = groupInsert(() => collection);
    await insert({ k: 1 });
    // The first flies alone; the rest arrive while it is in flight and share the next insert.
    const results = await Promise.all(
      [{ k: 10 }, { k: 11 }, { k: 1 }, { k: 12 }].map((doc) => outcome(insert(doc))),
    );
    expect(results).toEqual(['stored', 'stored', 'refused 11000', 'stored']);
    const stored = await collection.find({}, { projection: { _id: 0, k: 1 } }).toArray();
    expect(stored.map((d) => d.k as number).sort((a, b) => a - b)).toEqual([1, 10, 11, 12]);
  });

  it('a batch refused as a whole is tried one document at a time', async () => {
    // A document the database refuses outright (a key starting with `$`), among good ones.
    const insert = groupInsert(() => collection);
    const results = await Promise.all(
      [{ k: 20 }, { k: 21 }, { $bad: 1, k: 22 }, { k: 23 }].map((doc) => outcome(insert(doc))),
    );
    expect(results[0]).toBe('stored');
    expect(results[1]).toBe('stored');
    expect(results[2]).toMatch(/^refused/);
    expect(results[3]).toBe('stored');
    expect(await collection.countDocuments({ k: { $in: [20, 21, 23] } })).toBe(3);
  });
});
