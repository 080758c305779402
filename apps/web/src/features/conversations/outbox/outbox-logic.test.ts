import { describe, expect, it } from 'vitest';
import {
  MAX_AUTOMATIC_ATTEMPTS,
  afterSendError,
  entriesToShow,
  sendQueue,
  type OutboxEntry,
} from './outbox-logic.js';

const entry = (clientId: string, extra: Partial<OutboxEntry> = {}): OutboxEntry => ({
  clientId,
  userId: 'u',
  conversationId: 'c1',
  threadRootId: null,
  text: 'hei',
  createdAt: 1,
  status: 'pending',
  errorCode: null,
  attempts: 0,
  ...extra,
});

describe('outbox logic', () => {
  it('keeps an entry pending while the server is unreachable, however long', () => {
    let e = entry('a');
    for (let i = 0; i < 20; i++) e = afterSendError(e, 'UNAVAILABLE');
    expect(e.status).toBe('pending');
  });

  it('fails at once on a refusal a resend cannot change', () => {
    expect(afterSendError(entry('a'), 'VALIDATION_ERROR')).toMatchObject({
      status: 'failed',
      errorCode: 'VALIDATION_ERROR',
    });
    expect(afterSendError(entry('a'), 'NOT_FOUND').status).toBe('failed');
  });

  it('gives up on repeated server errors after a few attempts', () => {
    let e = entry('a');
    for (let i = 0; i < MAX_AUTOMATIC_ATTEMPTS - 1; i++) e = afterSendError(e, 'INTERNAL');
    expect(e.status).toBe('pending');
    expect(afterSendError(e, 'INTERNAL').status).toBe('failed');
  });

  it('shows only undelivered entries of this timeline, oldest first', () => {
    const list = [
      entry('b', { createdAt: 3 }),
      entry('a', { createdAt: 2 }),
      entry('t', { threadRootId: 'r' }),
      entry('x', { conversationId: 'c2' }),
      entry('done', { createdAt: 1 }),
    ];
    expect(entriesToShow(list, 'c1', null, (id) => id === 'done').map((e) => e.clientId)).toEqual([
      'a',
      'b',
    ]);
    expect(entriesToShow(list, 'c1', 'r', () => false).map((e) => e.clientId)).toEqual(['t']);
  });

  it('queues pending entries in order, skipping failed and in-flight ones', () => {
    const list = [
      entry('c', { createdAt: 3 }),
      entry('a', { createdAt: 1 }),
      entry('f', { status: 'failed' }),
      entry('b', { createdAt: 2 }),
    ];
    expect(sendQueue(list, new Set(['a'])).map((e) => e.clientId)).toEqual(['b', 'c']);
  });
});
