import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import { AppError, isDuplicateKey, notFound } from '../../errors.js';
import { groupInsert } from '../../db/group-insert.js';
import type { RedisClient } from '../../lib/redis.js';
import { touchConversation } from './conversation-activity.js';
import { ConversationModel, CounterModel, SeqClaimModel } from './conversation.model.js';
import { changeKeyOf } from './message-keys.js';
import { MessageModel, type MessageDoc } from './message.model.js';

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

/** The stored hint: the conversation's `seqHint`, or for one stored before it, the legacy counter. */
async function counterHint(conversationId: Types.ObjectId): Promise<number> {
  const conv = await ConversationModel.findById(conversationId, { seqHint: 1 }).lean();
  if (typeof conv?.seqHint === 'number') return conv.seqHint;
  const legacy = await CounterModel.findById(conversationId).lean();
  return (legacy as { value?: number } | null)?.value ?? 0;
}

interface Waiter {
  resolve: (seq: number) => void;
  reject: (err: unknown) => void;
  /** The hint the caller already holds (the conversation it just read): saves reading it. */
  knownHint: number | undefined;
}
/** Requests that arrived while a claim for their conversation was in flight. */
const waiting = new Map<string, Waiter[]>();

/**
 * Takes the next number of a conversation's one counter: the number is ours once our claim
 * document is inserted under the unique index (see SeqClaimModel for why not `$inc`). Numbers
 * are handed out before the write that uses them, so they can have holes (a writer died, a
 * retried send found its stored copy) and, across processes, be stored out of order. Clients
 * never assume contiguity (docs/realtime.md).
 *
 * Group claim: every request that arrives while a claim is in flight joins the next one, which
 * inserts consecutive numbers in one ordered insertMany. A busy channel then costs one round
 * trip per batch instead of one per message (per-message claims capped a channel at about 60
 * messages/s on FerretDB: docs/BENCHMARKS.md).
 */
export function nextSeq(conversationId: Types.ObjectId, knownHint?: number): Promise<number> {
  const key = String(conversationId);
  return new Promise<number>((resolve, reject) => {
    const queue = waiting.get(key);
    if (queue) {
      queue.push({ resolve, reject, knownHint });
      return;
    }
    waiting.set(key, [{ resolve, reject, knownHint }]);
    // In one process claims run one after another, so only other processes collide.
    void serialize(`seq:${key}`, () => claimWaiting(conversationId, key));
  });
}

const MAX_BATCH = 500;

async function claimWaiting(conversationId: Types.ObjectId, key: string): Promise<void> {
  const batch = (waiting.get(key) ?? []).splice(0, MAX_BATCH);
  if (!(waiting.get(key) ?? []).length) waiting.delete(key);
  else void serialize(`seq:${key}`, () => claimWaiting(conversationId, key));
  try {
    let taken = 0;
    // The higher of our own last number and the hint the caller holds (a reply's caller passes
    // at least its root's number); the stored hint is read when neither is known, and after a
    // collision. Our own number alone could be old: another process that raced us skipped
    // ahead, leaving holes right above it, and a claim there would number a new message far
    // below the newest (sequence.test.ts).
    const held = batch.flatMap((w) => (w.knownHint === undefined ? [] : [w.knownHint]));
    const own = lastTaken.get(key);
    const known = held.length || own !== undefined ? Math.max(own ?? 0, ...held) : undefined;
    let candidate = (known ?? (await counterHint(conversationId))) + 1;
    for (let attempt = 0; taken < batch.length; attempt += 1) {
      const want = batch.length - taken;
      const inserted = await insertClaims(conversationId, candidate, want);
      for (let i = 0; i < inserted; i += 1) (batch[taken + i] as Waiter).resolve(candidate + i);
      taken += inserted;
      if (inserted) lastTaken.set(key, candidate + inserted - 1);
      if (taken === batch.length) break;
      if (attempt >= MAX_CLAIM_ATTEMPTS) throw new AppError('UNAVAILABLE', 'busy, try again');
      // candidate + inserted belongs to another process: move past what the hint knows, and
      // past twice as many more numbers each time the hint does not help (it lags behind the
      // claims by what its writers had not yet written: conversation-activity.ts). Skipped
      // numbers are holes, which numbers may have.
      const skip = attempt === 0 ? 0 : 2 ** Math.min(attempt, 16);
      candidate = Math.max(candidate + inserted + skip, await counterHint(conversationId)) + 1;
    }
  } catch (err) {
    for (const w of batch) w.reject(err);
  }
}

/** Claims of every conversation taken at the same moment share one insert (db/group-insert.ts). */
const insertClaim = groupInsert(() => SeqClaimModel.collection);

/**
 * Inserts claims first..first+count-1; returns how many of them, counted from `first`, are
 * ours before the first one another process holds. (The ones after it that we did get are
 * holes: numbers may have holes, never duplicates.)
 */
async function insertClaims(
  conversationId: Types.ObjectId,
  first: number,
  count: number,
): Promise<number> {
  const outcomes = await Promise.allSettled(
    Array.from({ length: count }, (_, i) => insertClaim({ conversationId, seq: first + i })),
  );
  const lost = outcomes.findIndex((o) => o.status === 'rejected');
  if (lost === -1) return count;
  const reason = (outcomes[lost] as PromiseRejectedResult).reason as unknown;
  if (!isDuplicateKey(reason)) throw reason;
  return lost;
}

/**
 * After a number is used, the conversation's stored hint follows, off the critical path: it
 * only saves other processes, and this one after a restart, a few collisions. A send writes it
 * with the conversation's last activity, in one write (conversation-activity.ts).
 */
export function noteSeqHint(conversationId: Types.ObjectId, seq: number, lastMessageAt?: Date) {
  touchConversation(conversationId, { seqHint: seq, ...(lastMessageAt && { lastMessageAt }) });
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
    if (!doc) throw notFound();
    const patch = mutate(doc);
    if (!patch) return { doc, changed: false };
    const seq = await nextSeq(doc.conversationId);
    const updated = (await MessageModel.findOneAndUpdate(
      { _id: messageId },
      { $set: { ...patch, changeSeq: seq, changeKey: changeKeyOf(doc.conversationId, seq) } },
      { returnDocument: 'after' },
    ).lean()) as MessageDoc | null;
    if (!updated) throw notFound();
    noteSeqHint(doc.conversationId, seq);
    return { doc: updated, changed: true };
  });
}
