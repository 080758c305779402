import { Types } from 'mongoose';
import { oid } from '../../db/object-id.js';
import { AppError } from '../../errors.js';

/** Position in the newest-first order: (createdAt, _id), opaque to clients. */
export interface Cursor {
  createdAt: Date;
  id: Types.ObjectId;
}

export const encodeCursor = (c: Cursor): string =>
  Buffer.from(`${c.createdAt.getTime()}:${String(c.id)}`).toString('base64url');

export function decodeCursor(raw: string): Cursor {
  const [time, id] = Buffer.from(raw, 'base64url').toString('utf8').split(':');
  const ms = Number(time);
  if (
    !Number.isSafeInteger(ms) ||
    !id ||
    !Types.ObjectId.isValid(id) ||
    !/^[0-9a-f]{24}$/.test(id)
  ) {
    throw new AppError('VALIDATION_ERROR', 'invalid cursor', {
      issues: [{ path: 'before', code: 'invalid_cursor' }],
    });
  }
  return { createdAt: new Date(ms), id: oid(id) };
}

/** Messages strictly after the cursor in newest-first order (ties on createdAt broken by id). */
export const olderThan = (c: Cursor) => ({
  $or: [{ createdAt: { $lt: c.createdAt } }, { createdAt: c.createdAt, _id: { $lt: c.id } }],
});
