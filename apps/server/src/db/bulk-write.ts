import type { Model } from 'mongoose';

/*
 * FerretDB 1.24 on PostgreSQL never answers an update command of more than about 50
 * statements, and serves nobody afterwards: each statement seems to hold one of its 50 pool
 * connections until the command ends (measured 2026-12-01 with the raw driver: 49 updateOne in
 * one bulkWrite took 0.7 s, 51 hung; ordered or not). Bulk writes go in chunks well below that.
 */
const CHUNK = 25;

/** `model.bulkWrite(ops)` in chunks FerretDB can take; returns how many documents changed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any model's own operations
export async function bulkWriteInChunks<M extends Model<any>>(
  model: M,
  ops: Parameters<M['bulkWrite']>[0],
): Promise<number> {
  let modified = 0;
  for (let i = 0; i < ops.length; i += CHUNK)
    modified += (await model.bulkWrite(ops.slice(i, i + CHUNK), { ordered: false })).modifiedCount;
  return modified;
}
