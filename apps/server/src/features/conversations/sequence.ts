import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { AppError, isDuplicateKey, notFound } from '../../errors.js';
import type { RedisClient } from '../../lib/redis.js';
import { CounterModel, SeqClaimModel } from './conversation.model.js';
import { MessageModel, type MessageDoc } from './message.model.js';

export const oid = (id: string) => new Types.ObjectId(id);

/** Runs `fn` after every earlier call with the same key in this process has finished. */
const chains = new Map<string, Promise<void>>();
function serialize<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const prev = chains.get(key) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  chains.set(key, tail);
  void tail.then(() => {
    if (chains.get(key) === tail) chains.delete(key);
  });
  return run;
}

const lastTaken = new Map<string, number>();
const MAX_CLAIM_ATTEMPTS = 200;

async function counterHint(conversationId: Types.ObjectId): Promise<number> {
  const doc = await CounterModel.findById(conversationId).lean();
  return (doc as { value?: number } | null)?.value ?? 0;
}

/**
 * Takes the next number of a conversation's one counter: the number is ours once our claim
 * document is inserted under the unique index (see SeqClaimModel for why not `$inc`). Numbers
 * are handed out before the write that uses them, so they can have holes (a writer died, a
 * retried send found its stored copy) and, across processes, be stored out of order. Clients
 * never assume contiguity (docs/realtime.md).
 */
export function nextSeq(conversationId: Types.ObjectId): Promise<number> {
  const key = String(conversationId);
  // In one process numbers are taken one after another, so only other processes collide.
  return serialize(`seq:${key}`, async () => {
    // Our own last number is the best guess; the shared hint is read only after a collision.
    const known = lastTaken.get(key);
    let candidate = (known ?? (await counterHint(conversationId))) + 1;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await SeqClaimModel.collection.insertOne({ conversationId, seq: candidate });
        break;
      } catch (err) {
        if (!isDuplicateKey(err) || attempt >= MAX_CLAIM_ATTEMPTS) throw err;
        candidate = Math.max(candidate, await counterHint(conversationId)) + 1;
      }
    }
    lastTaken.set(key, candidate);
    // The hint may lose a race (FerretDB); the claims keep numbers unique regardless.
    await CounterModel.updateOne(
      { _id: conversationId, value: { $lt: candidate } },
      { $set: { value: candidate } },
      { upsert: true },
    ).catch((err: unknown) => {
      if (!isDuplicateKey(err)) throw err;
    });
    return candidate;
  });
}

/** Highest message seq stored in a conversation (read-mark clamping, unread shortcuts). */
export async function latestSeq(conversationId: Types.ObjectId): Promise<number> {
  const doc = await MessageModel.findOne({ conversationId }, { seq: 1 }).sort({ seq: -1 }).lean();
  return doc?.seq ?? 0;
}

/** Upper bound of numbers handed out so far (informative: returned by conversation:sync). */
export async function currentSeq(conversationId: Types.ObjectId): Promise<number> {
  return Math.max(await counterHint(conversationId), lastTaken.get(String(conversationId)) ?? 0);
}

const LOCK_TTL_MS = 10_000;
const LOCK_WAIT_MS = 8_000;
let lockRedis: RedisClient | undefined;
/** With Redis several processes may write; without it there is one process and in-process order suffices. */
export const configureLocks = (redis: RedisClient | undefined) => {
  lockRedis = redis;
};
const RELEASE =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

/**
 * A short exclusive lease on `key`: serialised in this process, and across processes with a
 * Redis `SET NX PX` lease (taken over after LOCK_TTL_MS if its holder was killed). Not a
 * database document: compare-and-set is not atomic on FerretDB 1.x, and Redis is there
 * whenever more than one process is.
 */
export function withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  return serialize(`lock:${key}`, async () => {
    const redis = lockRedis;
    if (!redis) return fn();
    const token = randomUUID();
    const redisKey = `lock:${key}`;
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let attempt = 0; ; attempt += 1) {
      if (
        (await redis.set(redisKey, token, {
          condition: 'NX',
          expiration: { type: 'PX', value: LOCK_TTL_MS },
        })) === 'OK'
      )
        break;
      if (Date.now() > deadline) throw new AppError('UNAVAILABLE', 'busy, try again');
      await new Promise((r) => setTimeout(r, 1 + Math.random() * Math.min(20, attempt + 1)));
    }
    try {
      return await fn();
    } finally {
      await redis.eval(RELEASE, { keys: [redisKey], arguments: [token] }).catch(() => undefined);
    }
  });
}

/**
 * Changes one message under its lease: read, compute the new fields, take a fresh number,
 * write. So every stored state of a message has its own, strictly growing changeSeq, and a
 * client that keeps the highest changeSeq per id ends with the latest state.
 * `mutate` returns null when there is nothing to change (idempotent commands).
 */
export function changeMessage(
  messageId: Types.ObjectId,
  mutate: (doc: MessageDoc) => Record<string, unknown> | null,
): Promise<{ doc: MessageDoc; changed: boolean }> {
  return withLock(`message:${String(messageId)}`, async () => {
    const doc = (await MessageModel.findById(messageId).lean()) as MessageDoc | null;
    if (!doc) throw notFound('message');
    const patch = mutate(doc);
    if (!patch) return { doc, changed: false };
    const seq = await nextSeq(doc.conversationId);
    const updated = (await MessageModel.findOneAndUpdate(
      { _id: messageId },
      { $set: { ...patch, changeSeq: seq } },
      { returnDocument: 'after' },
    ).lean()) as MessageDoc | null;
    if (!updated) throw notFound('message');
    return { doc: updated, changed: true };
  });
}
