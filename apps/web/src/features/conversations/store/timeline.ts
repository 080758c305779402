import type { Message } from '@yhteistyotila/protocol';

/*
 * One conversation's messages as this tab knows them. Every source (history pages, live facts,
 * catch-up sync, our own acks) goes through applyMessages, which keeps the copy with the highest
 * changeSeq per id. Order is by `seq`; numbers may have holes and may arrive out of order, so
 * nothing here assumes two numbers are adjacent.
 */

/** The stretch of the main timeline the view shows: from `fromSeq`, to `toSeq` or live (null). */
export interface Segment {
  fromSeq: number;
  /** null = contiguous up to the newest message (new messages appear at the end). */
  toSeq: number | null;
  hasMoreBefore: boolean;
}

export interface ThreadState {
  /** Lowest reply seq loaded; replies below it need `message:history` before it. */
  fromSeq: number;
  hasMoreBefore: boolean;
}

export interface Timeline {
  byId: Map<string, Message>;
  /** Top-level messages, ascending by seq. */
  top: Message[];
  /** Thread replies per root id, ascending by seq. */
  replies: Map<string, Message[]>;
  /** Highest changeSeq seen from any source (also the sync counter): the catch-up watermark's base. */
  maxChangeSeq: number;
  segment: Segment | null;
  threads: Map<string, ThreadState>;
  /** Bumped on every change so React can tell snapshots apart. */
  version: number;
}

export function createTimeline(): Timeline {
  return {
    byId: new Map(),
    top: [],
    replies: new Map(),
    maxChangeSeq: 0,
    segment: null,
    threads: new Map(),
    version: 0,
  };
}

/** Index of the first element whose seq is >= seq (binary search; arrays are sorted by seq). */
export function lowerBound(list: readonly Message[], seq: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts or replaces (same id) keeping the list sorted by seq. */
function upsertSorted(list: Message[], m: Message): void {
  const i = lowerBound(list, m.seq);
  // Equal seq means the same message (seq is unique per conversation), so replace in place.
  if (list[i]?.id === m.id) list[i] = m;
  else list.splice(i, 0, m);
}

/**
 * Applies message states idempotently: a copy is taken only if its changeSeq is higher than the
 * one held. Returns how many messages changed (0 = nothing to re-render).
 */
export function applyMessages(t: Timeline, incoming: readonly Message[]): number {
  let changed = 0;
  for (const m of incoming) {
    if (m.changeSeq > t.maxChangeSeq) t.maxChangeSeq = m.changeSeq;
    const held = t.byId.get(m.id);
    if (held && held.changeSeq >= m.changeSeq) continue;
    t.byId.set(m.id, m);
    if (m.threadRootId === null) upsertSorted(t.top, m);
    else {
      let list = t.replies.get(m.threadRootId);
      if (!list) t.replies.set(m.threadRootId, (list = []));
      upsertSorted(list, m);
    }
    changed++;
  }
  if (changed > 0) t.version++;
  return changed;
}

/** Raises the watermark base to a counter the server reported (sync results). */
export function noteCounter(t: Timeline, counter: number): void {
  if (counter > t.maxChangeSeq) t.maxChangeSeq = counter;
}

/** The top-level messages inside the shown segment. */
export function visibleMessages(t: Timeline): Message[] {
  const s = t.segment;
  if (!s) return [];
  const from = lowerBound(t.top, s.fromSeq);
  const to = s.toSeq === null ? t.top.length : lowerBound(t.top, s.toSeq + 1);
  return t.top.slice(from, to);
}

/** Loaded replies of a thread (from the lowest loaded one on). */
export function threadReplies(t: Timeline, rootId: string): Message[] {
  const list = t.replies.get(rootId) ?? [];
  const state = t.threads.get(rootId);
  if (!state) return [];
  return list.slice(lowerBound(list, state.fromSeq));
}

/**
 * Merges a history page into the shown segment. `kind` says where the page sits: the newest page,
 * before the segment, after it, or a fresh window around a jump target.
 */
export function mergePage(
  t: Timeline,
  page: { messages: Message[]; hasMoreBefore: boolean; hasMoreAfter: boolean },
  kind: 'latest' | 'before' | 'after' | 'around',
): void {
  applyMessages(t, page.messages);
  const first = page.messages[0]?.seq;
  const last = page.messages.at(-1)?.seq;
  const s = t.segment;
  if (kind === 'latest' || kind === 'around' || !s) {
    t.segment = {
      // With nothing older, start at 0 so that every message (even the first one to come) shows.
      fromSeq: page.hasMoreBefore ? (first ?? 0) : 0,
      toSeq: kind === 'latest' || !page.hasMoreAfter ? null : (last ?? 0),
      hasMoreBefore: page.hasMoreBefore,
    };
  } else if (kind === 'before') {
    t.segment = {
      ...s,
      fromSeq: page.hasMoreBefore ? Math.min(s.fromSeq, first ?? s.fromSeq) : 0,
      hasMoreBefore: page.hasMoreBefore,
    };
  } else {
    t.segment = { ...s, toSeq: page.hasMoreAfter ? Math.max(s.toSeq ?? 0, last ?? 0) : null };
  }
  t.version++;
}

/** Merges a page of thread replies (newest page or older ones). */
export function mergeThreadPage(
  t: Timeline,
  rootId: string,
  page: { messages: Message[]; hasMoreBefore: boolean },
): void {
  applyMessages(t, page.messages);
  const prev = t.threads.get(rootId);
  const first = page.hasMoreBefore ? (page.messages[0]?.seq ?? 0) : 0;
  t.threads.set(rootId, {
    fromSeq: Math.min(prev?.fromSeq ?? first, first),
    hasMoreBefore: page.hasMoreBefore,
  });
  t.version++;
}
