import { SYNC_SAFETY_MARGIN } from './conversations.js';

/*
 * The one catch-up algorithm every client runs (the web app, the tests' replica, the load
 * generator): keep the highest change number seen from any source; after a reconnect, ask for
 * the current state of everything changed above that number minus a safety margin, page until
 * the server says there is no more, and apply each page idempotently by (id, changeSeq).
 * Numbers can have holes and a lower one can be stored a moment after a higher one
 * (docs/realtime.md), which is why the watermark trails instead of starting at the top.
 */

export interface ChangeNumbered {
  changeSeq: number;
}

/** What catch-up needs of a `conversation:sync` answer. */
export interface SyncPage<M extends ChangeNumbered> {
  messages: readonly M[];
  hasMore: boolean;
  /** The conversation's counter when the page was read. */
  counter?: number;
}

/** The highest change number after seeing these messages (and the server's counter). */
export function highestChangeSeq(
  current: number,
  messages: readonly ChangeNumbered[],
  counter = 0,
): number {
  let max = Math.max(current, counter);
  for (const m of messages) if (m.changeSeq > max) max = m.changeSeq;
  return max;
}

/** Where catch-up starts: the highest number seen minus the safety margin. */
export function syncWatermark(maxChangeSeq: number, margin = SYNC_SAFETY_MARGIN): number {
  return Math.max(0, maxChangeSeq - margin);
}

export interface CatchUpOptions<M extends ChangeNumbered> {
  /** Highest change number the client has seen from any source. */
  maxChangeSeq: number;
  /** One `conversation:sync` call from `sinceChangeSeq`. */
  fetchPage(sinceChangeSeq: number): Promise<SyncPage<M>>;
  /** Applies a page before the next one is asked for. */
  apply(page: SyncPage<M>): void;
  margin?: number;
  /** A guard against a server that keeps saying "more" without moving on. */
  maxPages?: number;
}

/** Runs catch-up to the end; returns the new highest change number and the pages read. */
export async function catchUp<M extends ChangeNumbered>(
  opts: CatchUpOptions<M>,
): Promise<{ maxChangeSeq: number; pages: number }> {
  let max = opts.maxChangeSeq;
  let since = syncWatermark(max, opts.margin);
  const maxPages = opts.maxPages ?? 1000;
  let pages = 0;
  while (pages < maxPages) {
    const page = await opts.fetchPage(since);
    pages += 1;
    opts.apply(page);
    max = highestChangeSeq(max, page.messages, page.counter);
    const next = highestChangeSeq(since, page.messages);
    if (!page.hasMore || next <= since) break;
    since = next;
  }
  return { maxChangeSeq: max, pages };
}
