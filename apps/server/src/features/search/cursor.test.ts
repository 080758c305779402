import { MAX_SEARCH_QUERY_LENGTH } from '@yhteistyotila/protocol';
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, type Cursor } from './cursor.js';

const at = (iso: string, id: string) => ({ createdAt: new Date(iso), id: new Types.ObjectId(id) });

describe('search cursor', () => {
  it('round-trips a pinned first window and the last hit served, within the protocol limit', () => {
    const cursor: Cursor = {
      window: { ...at('2026-11-30T10:00:00Z', '0123456789abcdef01234567'), inclusive: true },
      after: { rank: 3, ...at('2026-11-01T08:00:00Z', '89abcdef0123456789abcdef') },
    };
    const raw = encodeCursor(cursor);
    // searchQuerySchema allows `before` up to 100 characters.
    expect(raw.length).toBeLessThanOrEqual(100);
    expect(raw.length).toBeLessThan(MAX_SEARCH_QUERY_LENGTH);
    expect(decodeCursor(raw)).toEqual(cursor);
  });

  it('round-trips the start of an older window', () => {
    const cursor: Cursor = {
      window: { ...at('2026-10-01T00:00:00Z', '0123456789abcdef01234567'), inclusive: false },
      after: null,
    };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('reads a cursor handed out before ranking as the start of a window', () => {
    const raw = Buffer.from('1764496800000:0123456789abcdef01234567').toString('base64url');
    expect(decodeCursor(raw)).toEqual({
      window: { ...at('2025-11-30T10:00:00Z', '0123456789abcdef01234567'), inclusive: false },
      after: null,
    });
  });

  it.each([
    ['unknown flags', Buffer.from([0x02, 0x08])],
    ['inclusive without a window', Buffer.from([0x02, 0x04])],
    ['cut short', Buffer.from([0x02, 0x01, 0x00])],
    ['trailing bytes', Buffer.concat([Buffer.from([0x02, 0x00]), Buffer.from([1])])],
    ['text that is no position', Buffer.from('not:a:cursor')],
  ])('refuses %s', (_, buf) => {
    expect(() => decodeCursor(buf.toString('base64url'))).toThrow('invalid cursor');
  });
});
