import type { Message } from '@yhteistyotila/protocol';
import { describe, expect, it } from 'vitest';
import {
  applyMessages,
  createTimeline,
  mergePage,
  mergeThreadPage,
  threadReplies,
  visibleMessages,
} from './timeline.js';

const CONV = 'c'.repeat(24);
const id = (n: number) => n.toString(16).padStart(24, '0');
function msg(seq: number, changeSeq = seq, extra: Partial<Message> = {}): Message {
  return {
    id: id(seq),
    conversationId: CONV,
    seq,
    changeSeq,
    clientId: `client-${seq}`,
    author: { id: 'a'.repeat(24), name: 'Anna', role: 'member', expert: false },
    text: `viesti ${seq} v${changeSeq}`,
    mentions: [],
    threadRootId: null,
    replyCount: 0,
    threadParticipants: [],
    lastReplyAt: null,
    reactions: [],
    pinned: false,
    createdAt: new Date(2026, 10, 23, 12, 0, seq).toISOString(),
    editedAt: null,
    deletedAt: null,
    removedByModerator: false,
    removalReason: null,
    ...extra,
  };
}

describe('timeline', () => {
  it('keeps the copy with the highest changeSeq, whatever the arrival order', () => {
    const t = createTimeline();
    mergePage(t, { messages: [], hasMoreBefore: false, hasMoreAfter: false }, 'latest');
    expect(applyMessages(t, [msg(1, 5)])).toBe(1);
    expect(applyMessages(t, [msg(1, 3)])).toBe(0); // older state arriving late is ignored
    expect(applyMessages(t, [msg(1, 5)])).toBe(0); // duplicates are ignored
    expect(t.byId.get(id(1))!.text).toBe('viesti 1 v5');
    expect(applyMessages(t, [msg(1, 9)])).toBe(1);
    expect(t.byId.get(id(1))!.changeSeq).toBe(9);
    expect(t.maxChangeSeq).toBe(9);
  });

  it('orders by seq with holes and out-of-order arrival, never duplicating', () => {
    const t = createTimeline();
    mergePage(
      t,
      { messages: [msg(2), msg(4)], hasMoreBefore: false, hasMoreAfter: false },
      'latest',
    );
    applyMessages(t, [msg(10), msg(7), msg(4, 11), msg(7)]);
    expect(visibleMessages(t).map((m) => m.seq)).toEqual([2, 4, 7, 10]);
    expect(visibleMessages(t)[1]!.changeSeq).toBe(11);
  });

  it('applying the same sync result twice changes nothing the second time', () => {
    const t = createTimeline();
    const batch = [msg(1), msg(3, 6), msg(2, 8)];
    expect(applyMessages(t, batch)).toBe(3);
    const version = t.version;
    expect(applyMessages(t, [...batch].reverse())).toBe(0);
    expect(t.version).toBe(version);
  });

  it('keeps thread replies out of the main timeline', () => {
    const t = createTimeline();
    mergePage(t, { messages: [msg(1)], hasMoreBefore: false, hasMoreAfter: false }, 'latest');
    mergeThreadPage(t, id(1), { messages: [], hasMoreBefore: false });
    applyMessages(t, [msg(3, 3, { threadRootId: id(1) }), msg(2, 2, { threadRootId: id(1) })]);
    expect(visibleMessages(t).map((m) => m.seq)).toEqual([1]);
    expect(threadReplies(t, id(1)).map((m) => m.seq)).toEqual([2, 3]);
  });

  it('grows the shown segment backwards and forwards after a jump', () => {
    const t = createTimeline();
    mergePage(
      t,
      { messages: [msg(50), msg(51), msg(52)], hasMoreBefore: true, hasMoreAfter: true },
      'around',
    );
    applyMessages(t, [msg(100)]); // a live message far ahead is stored but not shown inside the window
    expect(visibleMessages(t).map((m) => m.seq)).toEqual([50, 51, 52]);
    mergePage(
      t,
      { messages: [msg(48), msg(49)], hasMoreBefore: false, hasMoreAfter: true },
      'before',
    );
    expect(t.segment!.hasMoreBefore).toBe(false);
    mergePage(t, { messages: [msg(60)], hasMoreBefore: true, hasMoreAfter: false }, 'after');
    expect(t.segment!.toSeq).toBeNull(); // reached the end: live again
    expect(visibleMessages(t).map((m) => m.seq)).toEqual([48, 49, 50, 51, 52, 60, 100]);
  });

  it('shows the first message ever in an empty conversation', () => {
    const t = createTimeline();
    mergePage(t, { messages: [], hasMoreBefore: false, hasMoreAfter: false }, 'latest');
    applyMessages(t, [msg(1)]);
    expect(visibleMessages(t)).toHaveLength(1);
  });
});
