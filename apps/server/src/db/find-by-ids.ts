import type { Model, ProjectionType, Types } from 'mongoose';
import { databaseKind } from './connection.js';

const FERRETDB_CHUNK = 64;

/**
 * Documents by a set of ids. MongoDB answers `{ _id: { $in } }` from the _id index in one
 * round trip. FerretDB 1.x does not push `$in` down to PostgreSQL: it reads and decodes the
 * whole collection in its own process for every such query (a reconnect storm of 500 clients
 * spent most of its 40 s there), while a plain `{ _id }` equality is an index lookup
 * (db/ferretdb-postgres-indexes.ts). So on FerretDB: one equality query per id, in parallel.
 */
export async function findByIds<T>(
  model: Model<T>,
  ids: (string | Types.ObjectId)[],
  projection: ProjectionType<T>,
): Promise<(T & { _id: Types.ObjectId })[]> {
  if (!ids.length) return [];
  if (databaseKind() !== 'ferretdb' || ids.length > FERRETDB_CHUNK)
    return (await model.find({ _id: { $in: ids } }, projection).lean()) as (T & {
      _id: Types.ObjectId;
    })[];
  const found = await Promise.all(ids.map((id) => model.findById(id, projection).lean()));
  return found.filter((d) => d !== null) as (T & { _id: Types.ObjectId })[];
}
