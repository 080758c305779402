import { Types } from 'mongoose';
import { oid } from '../../db/object-id.js';
import { AppError } from '../../errors.js';

/** A message's place in the newest-first order: (createdAt, _id). */
export interface Position {
  createdAt: Date;
  id: Types.ObjectId;
}

/**
 * Where the next page starts, opaque to clients. Hits are ranked within a window of the newest
 * matches; `window` bounds the current window from above (null: the newest), and `after` is the
 * last hit served in the ranked order of that window (null: its start).
 */
export interface Cursor {
  window: (Position & { inclusive: boolean }) | null;
  after: (Position & { rank: number }) | null;
}

/** First byte of a ranked cursor; a cursor from before ranking is text starting with a digit. */
const RANKED = 0x02;
const HAS_WINDOW = 1;
const HAS_AFTER = 2;
/**
 * The window includes its bound: the first window, pinned at its newest match when paging on,
 * so that messages written meanwhile do not push matches already served into the next window.
 */
const WINDOW_INCLUSIVE = 4;
const FLAGS = HAS_WINDOW | HAS_AFTER | WINDOW_INCLUSIVE;

const invalid = () =>
  new AppError('VALIDATION_ERROR', 'invalid cursor', {
    issues: [{ path: 'before', code: 'invalid_cursor' }],
  });

function writePosition(p: Position): Buffer {
  const time = Buffer.alloc(8);
  time.writeBigInt64BE(BigInt(p.createdAt.getTime()));
  return Buffer.concat([time, Buffer.from(p.id.toHexString(), 'hex')]);
}

function readPosition(buf: Buffer, at: number): Position {
  if (buf.length < at + 20) throw invalid();
  const ms = Number(buf.readBigInt64BE(at));
  if (!Number.isSafeInteger(ms)) throw invalid();
  return {
    createdAt: new Date(ms),
    id: new Types.ObjectId(buf.subarray(at + 8, at + 20).toString('hex')),
  };
}

/** Binary, so that it stays short (the protocol allows 100 characters): 2 to 44 bytes. */
export function encodeCursor(c: Cursor): string {
  const flags =
    (c.window ? HAS_WINDOW : 0) |
    (c.after ? HAS_AFTER : 0) |
    (c.window?.inclusive ? WINDOW_INCLUSIVE : 0);
  const parts: Buffer[] = [Buffer.from([RANKED, flags])];
  if (c.window) parts.push(writePosition(c.window));
  if (c.after) {
    const rank = Buffer.alloc(2);
    rank.writeUInt16BE(Math.min(c.after.rank, 0xffff));
    parts.push(rank, writePosition(c.after));
  }
  return Buffer.concat(parts).toString('base64url');
}

export function decodeCursor(raw: string): Cursor {
  const buf = Buffer.from(raw, 'base64url');
  if (buf[0] !== RANKED)
    return { window: { ...legacyPosition(buf.toString('utf8')), inclusive: false }, after: null };
  const flags = buf[1] ?? -1;
  if (flags < 0 || (flags & ~FLAGS) !== 0 || (flags & WINDOW_INCLUSIVE && !(flags & HAS_WINDOW)))
    throw invalid();
  let at = 2;
  let window: Cursor['window'] = null;
  let after: Cursor['after'] = null;
  if (flags & HAS_WINDOW) {
    window = { ...readPosition(buf, at), inclusive: (flags & WINDOW_INCLUSIVE) !== 0 };
    at += 20;
  }
  if (flags & HAS_AFTER) {
    if (buf.length < at + 2) throw invalid();
    const rank = buf.readUInt16BE(at);
    after = { rank, ...readPosition(buf, at + 2) };
    at += 22;
  }
  if (at !== buf.length) throw invalid();
  return { window, after };
}

/** A cursor handed out before ranking ("<ms>:<id>"): newest first from there, a window start. */
function legacyPosition(text: string): Position {
  const [time, id, extra] = text.split(':');
  const ms = Number(time);
  if (
    extra !== undefined ||
    !Number.isSafeInteger(ms) ||
    !id ||
    !Types.ObjectId.isValid(id) ||
    !/^[0-9a-f]{24}$/.test(id)
  )
    throw invalid();
  return { createdAt: new Date(ms), id: oid(id) };
}

/** Messages after the position in newest-first order (ties on createdAt broken by id). */
export const olderThan = (c: Position, inclusive = false) => ({
  $or: [
    { createdAt: { $lt: c.createdAt } },
    { createdAt: c.createdAt, _id: { [inclusive ? '$lte' : '$lt']: c.id } },
  ],
});

/** The ranked order: rank, then newest first, then the larger id first. */
export function compareRanked(
  a: Position & { rank: number },
  b: Position & { rank: number },
): number {
  return (
    a.rank - b.rank ||
    b.createdAt.getTime() - a.createdAt.getTime() ||
    (String(b.id) > String(a.id) ? 1 : String(b.id) < String(a.id) ? -1 : 0)
  );
}
