import { describe, expect, it } from 'vitest';
import { catchUp, highestChangeSeq, syncWatermark, type SyncPage } from './catch-up.js';
import { SYNC_SAFETY_MARGIN } from './conversations.js';

type M = { id: string; changeSeq: number };

/** A server holding these messages, answering pages of `size` above `since`, in changeSeq order. */
function fakeSync(stored: M[], size: number) {
  const asked: number[] = [];
  return {
    asked,
    fetchPage: (since: number): Promise<SyncPage<M>> => {
      asked.push(since);
      const above = stored
        .filter((m) => m.changeSeq > since)
        .sort((a, b) => a.changeSeq - b.changeSeq);
      const counter = Math.max(0, ...stored.map((m) => m.changeSeq));
      return Promise.resolve({
        messages: above.slice(0, size),
        hasMore: above.length > size,
        counter,
      });
    },
  };
}

describe('catch-up', () => {
  it('starts a safety margin below the highest number seen', () => {
    expect(syncWatermark(1000)).toBe(1000 - SYNC_SAFETY_MARGIN);
    expect(syncWatermark(5)).toBe(0);
  });

  it('pages until the server has no more and applies every page', async () => {
    const stored = Array.from({ length: 25 }, (_, i) => ({ id: `m${i}`, changeSeq: i + 1 }));
    const server = fakeSync(stored, 10);
    const applied: M[] = [];
    const result = await catchUp({
      maxChangeSeq: 0,
      fetchPage: server.fetchPage,
      apply: (page) => applied.push(...page.messages),
    });
    expect(server.asked).toEqual([0, 10, 20]);
    expect(applied.map((m) => m.id)).toEqual(stored.map((m) => m.id));
    expect(result).toEqual({ maxChangeSeq: 25, pages: 3 });
  });

  it('re-reads a message stored late below the highest number seen (inside the margin)', async () => {
    // The client saw 500 live; 450 was stored a moment later by another process.
    const server = fakeSync(
      [
        { id: 'late', changeSeq: 450 },
        { id: 'seen', changeSeq: 500 },
      ],
      50,
    );
    const applied: string[] = [];
    await catchUp({
      maxChangeSeq: 500,
      fetchPage: server.fetchPage,
      apply: (page) => applied.push(...page.messages.map((m) => m.id)),
    });
    expect(server.asked).toEqual([500 - SYNC_SAFETY_MARGIN]);
    expect(applied).toContain('late');
  });

  it('stops on a page that says "more" without moving on', async () => {
    let calls = 0;
    const result = await catchUp<M>({
      maxChangeSeq: 10,
      fetchPage: () => {
        calls += 1;
        return Promise.resolve({ messages: [], hasMore: true, counter: 12 });
      },
      apply: () => undefined,
    });
    expect(calls).toBe(1);
    expect(result.maxChangeSeq).toBe(12);
  });

  it('keeps the highest number from messages and counter alike', () => {
    expect(highestChangeSeq(5, [{ changeSeq: 3 }, { changeSeq: 9 }])).toBe(9);
    expect(highestChangeSeq(5, [], 7)).toBe(7);
  });
});
