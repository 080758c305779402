import mongoose from 'mongoose';
import type { Logger } from '../log.js';

export interface ConnectOptions {
  uri: string;
  dbName?: string | undefined;
  poolSize: number;
  /** Emit the driver's command events (the query-budget tests count commands with them). */
  monitorCommands?: boolean;
}

/** One Mongoose connection per process, with explicit pool size and timeouts. */
export async function connectDatabase(opts: ConnectOptions, log: Logger): Promise<typeof mongoose> {
  mongoose.set('strictQuery', true);
  // Indexes are built explicitly by ensureIndexes(), not lazily on first model use.
  mongoose.set('autoIndex', false);
  const conn = await mongoose.connect(opts.uri, {
    dbName: opts.dbName,
    maxPoolSize: opts.poolSize,
    minPoolSize: 1,
    serverSelectionTimeoutMS: 10_000,
    connectTimeoutMS: 10_000,
    socketTimeoutMS: 45_000,
    monitorCommands: opts.monitorCommands ?? false,
  });
  connectedInfo = undefined;
  const info = await databaseInfo();
  log.info(
    { db: conn.connection.name, kind: info.kind, version: info.version },
    'database connected',
  );
  return conn;
}

/** Creates every registered model's collection and indexes (portable subset only). */
export async function ensureIndexes(): Promise<void> {
  for (const model of Object.values(mongoose.models)) {
    await model.createCollection().catch((err: unknown) => {
      if (!(err instanceof Error && /already exists/i.test(err.message))) throw err;
    });
    await model.createIndexes();
  }
}

export interface DatabaseInfo {
  kind: 'mongodb' | 'ferretdb';
  version: string;
}

/** Asked once per connection (connectDatabase), then answered from here. */
let connectedInfo: DatabaseInfo | undefined;
/** What connectDatabase found: query shapes differ where FerretDB cannot use an index. */
export const databaseKind = (): DatabaseInfo['kind'] => connectedInfo?.kind ?? 'mongodb';

export async function databaseInfo(): Promise<DatabaseInfo> {
  if (connectedInfo) return connectedInfo;
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  const info = (await db.admin().buildInfo()) as { version: string; ferretdbVersion?: string };
  connectedInfo = info.ferretdbVersion
    ? { kind: 'ferretdb', version: info.ferretdbVersion }
    : { kind: 'mongodb', version: info.version };
  return connectedInfo;
}

export async function pingDatabase(): Promise<boolean> {
  try {
    await mongoose.connection.db?.admin().ping();
    return mongoose.connection.readyState === 1;
  } catch {
    return false;
  }
}
