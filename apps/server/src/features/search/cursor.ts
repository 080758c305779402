import { Types } from 'mongoose';
import { AppError } from '../../errors.js';

/** A message's place in the newest-first order: (createdAt, _id). */
export interface Position {
  createdAt: Date;
  id: Types.ObjectId;
}

/**
 * Where the next page starts, opaque to clients. Hits are ranked within a window of the newest
 * matches; `window` is the position the current window is older than (null: the newest), and
 * `after` the last hit served in the ranked order of that window (null: its start).
 */
export interface Cursor {
  window: Position | null;
  after: (Position & { rank: number }) | null;
}

const position = (p: Position) => `${p.createdAt.getTime()}:${String(p.id)}`;

export const encodeCursor = (c: Cursor): string =>
  Buffer.from(
    `${c.window ? position(c.window) : '-'}|${c.after ? `${c.after.rank}:${position(c.after)}` : '-'}`,
  ).toString('base64url');

const invalid = () =>
  new AppError('VALIDATION_ERROR', 'invalid cursor', {
    issues: [{ path: 'before', code: 'invalid_cursor' }],
  });

function parsePosition(raw: string): Position {
  const [time, id, extra] = raw.split(':');
  const ms = Number(time);
  if (
    extra !== undefined ||
    !Number.isSafeInteger(ms) ||
    !id ||
    !Types.ObjectId.isValid(id) ||
    !/^[0-9a-f]{24}$/.test(id)
  )
    throw invalid();
  return { createdAt: new Date(ms), id: new Types.ObjectId(id) };
}

export function decodeCursor(raw: string): Cursor {
  const text = Buffer.from(raw, 'base64url').toString('utf8');
  const [window, after, extra] = text.split('|');
  if (window === undefined || extra !== undefined) throw invalid();
  // A cursor of the unranked newest-first pages before ranking: a window starting there.
  if (after === undefined) return { window: parsePosition(window), after: null };
  let last: Cursor['after'] = null;
  if (after !== '-') {
    const split = after.indexOf(':');
    const rank = Number(after.slice(0, split));
    if (split < 1 || !Number.isSafeInteger(rank) || rank < 0) throw invalid();
    last = { rank, ...parsePosition(after.slice(split + 1)) };
  }
  return { window: window === '-' ? null : parsePosition(window), after: last };
}

/** Messages strictly after the position in newest-first order (ties on createdAt broken by id). */
export const olderThan = (c: Position) => ({
  $or: [{ createdAt: { $lt: c.createdAt } }, { createdAt: c.createdAt, _id: { $lt: c.id } }],
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
