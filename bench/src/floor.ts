import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { busyCores, machineCpu, ProcSampler, sleep } from './env.js';
import { Histogram, type LatencySummary } from './histogram.js';

/**
 * The database floor of a send (issue 15, item 2): the raw MongoDB driver doing only the writes
 * a message cannot do without, a number claim and the message insert, at the same concurrency
 * as the DM scenario, on the same database. Both go to scratch copies of the server's own
 * collections with the server's own indexes (read back with listIndexes), so the floor costs
 * what our schema costs and nothing else: no access checks, no presentation, no Socket.IO.
 */
export interface FloorResult {
  concurrency: number;
  wallMs: number;
  sendsPerSecond: number;
  latency: LatencySummary;
  errors: number;
  database?: ReturnType<ProcSampler['end']> | undefined;
  machineBusyCores: number;
}

async function cloneIndexes(db: mongoose.mongo.Db, from: string, to: string): Promise<void> {
  await db
    .collection(to)
    .drop()
    .catch(() => undefined);
  await db.createCollection(to);
  const indexes = await db.collection(from).listIndexes().toArray();
  for (const { key, name, unique } of indexes) {
    if (name === '_id_') continue;
    await db.collection(to).createIndex(key as mongoose.mongo.IndexSpecification, {
      name: String(name),
      unique: Boolean(unique),
    });
  }
}

export async function sendFloor(opts: {
  mongoUri: string;
  dbName: string;
  /** Concurrent closed loops, as many as the DM scenario's senders. */
  concurrency: number;
  durationMs: number;
  databasePid?: number | undefined;
}): Promise<FloorResult> {
  // The server's own default pool (MONGODB_POOL_SIZE, 20): the floor gets no wider a pipe.
  const conn = await mongoose
    .createConnection(opts.mongoUri, { dbName: opts.dbName, maxPoolSize: 20 })
    .asPromise();
  const db = conn.db;
  if (!db) throw new Error('no database handle');
  try {
    await cloneIndexes(db, 'messages', 'floor_messages');
    await cloneIndexes(db, 'conversationseqclaims', 'floor_seqclaims');
    const messages = db.collection('floor_messages');
    const claims = db.collection('floor_seqclaims');
    const histogram = new Histogram();
    let errors = 0;
    let sends = 0;
    const sampler = opts.databasePid ? new ProcSampler(opts.databasePid) : undefined;
    const cpuBefore = machineCpu();
    sampler?.begin();
    const started = Date.now();
    const until = started + opts.durationMs;
    const loop = async () => {
      const conversationId = new mongoose.Types.ObjectId();
      const authorId = new mongoose.Types.ObjectId();
      for (let seq = 1; Date.now() < until; seq += 1) {
        const t = performance.now();
        try {
          await claims.insertOne({ conversationId, seq, at: new Date() });
          const block = Math.floor(seq / 128);
          await messages.insertOne({
            conversationId,
            seq,
            changeSeq: seq,
            pageKey: `${String(conversationId)}:m:${block}`,
            changeKey: `${String(conversationId)}:${block}`,
            clientId: randomUUID(),
            authorId,
            text: 'Hei! Nähdäänkö vanhempainillassa torstaina?',
            mentions: [],
            threadRootId: null,
            terms: ['hei', 'nähdä', 'vanhempainilta', 'torstai'],
            createdAt: new Date(),
          });
          histogram.record(performance.now() - t);
          sends += 1;
        } catch {
          errors += 1;
          await sleep(10);
        }
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency }, loop));
    const wallMs = Date.now() - started;
    return {
      concurrency: opts.concurrency,
      wallMs,
      sendsPerSecond: Math.round((sends / wallMs) * 1000),
      latency: histogram.summary(),
      errors,
      database: sampler?.end(),
      machineBusyCores: busyCores(cpuBefore, machineCpu()),
    };
  } finally {
    await db
      .collection('floor_messages')
      .drop()
      .catch(() => undefined);
    await db
      .collection('floor_seqclaims')
      .drop()
      .catch(() => undefined);
    await conn.close();
  }
}

/**
 * The database floor of a reconnect storm's handshakes (issue 15, item 4): the reads a socket's
 * handshake cannot do without (its session, its person, the person's memberships), through the
 * raw driver, for the same clients at once, with the server's pool size. The storm row compares
 * the real server's catch-up time with this, where this is larger than the bare server's time.
 */
export async function handshakeFloor(opts: {
  mongoUri: string;
  dbName: string;
  cookies: string[];
}): Promise<{ clients: number; wallMs: number; latency: LatencySummary; errors: number }> {
  const conn = await mongoose
    .createConnection(opts.mongoUri, { dbName: opts.dbName, maxPoolSize: 20 })
    .asPromise();
  const db = conn.db;
  if (!db) throw new Error('no database handle');
  try {
    const histogram = new Histogram();
    let errors = 0;
    const started = Date.now();
    await Promise.all(
      opts.cookies.map(async (cookie) => {
        const t = performance.now();
        try {
          const sessionId = cookie.slice(cookie.indexOf('=') + 1);
          const session = await db.collection('sessions').findOne({ _id: sessionId as never });
          if (!session) throw new Error('no session');
          const userId = session.userId as mongoose.Types.ObjectId;
          await db.collection('users').findOne({ _id: userId });
          await db.collection('conversationmemberships').find({ userId }).toArray();
          histogram.record(performance.now() - t);
        } catch {
          errors += 1;
        }
      }),
    );
    return {
      clients: opts.cookies.length,
      wallMs: Date.now() - started,
      latency: histogram.summary(),
      errors,
    };
  } finally {
    await conn.close();
  }
}
