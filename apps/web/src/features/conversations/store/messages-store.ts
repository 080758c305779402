import { catchUp, HISTORY_PAGE_SIZE, type Message } from '@yhteistyotila/protocol';
import { request } from '../../../lib/socket.js';
import { createStoreFamily, useStore } from '../../../lib/store.js';
import {
  applyMessages,
  createTimeline,
  mergePage,
  mergeThreadPage,
  noteCounter,
  type Timeline,
} from './timeline.js';

/*
 * The tab's message cache: one Timeline per conversation, fed by history pages, live facts,
 * catch-up and acks. React reads it through useTimeline (re-rendering on the timeline's version).
 */

const timelines = new Map<string, Timeline>();
const changes = createStoreFamily();
const loading = new Map<string, Promise<unknown>>();

export function getTimeline(conversationId: string): Timeline {
  let t = timelines.get(conversationId);
  if (!t) timelines.set(conversationId, (t = createTimeline()));
  return t;
}

const notify = (conversationId: string) => changes(conversationId).notify();

/** The conversation's timeline; the component re-renders whenever it changes. */
export function useTimeline(conversationId: string): { timeline: Timeline; version: number } {
  const version = useStore(changes(conversationId), () => getTimeline(conversationId).version);
  return { timeline: getTimeline(conversationId), version };
}

/** Applies message states from any source; returns the ones that changed. */
export function applyIncoming(messages: Message[]): void {
  const byConversation = new Map<string, Message[]>();
  for (const m of messages) {
    const list = byConversation.get(m.conversationId) ?? [];
    list.push(m);
    byConversation.set(m.conversationId, list);
  }
  for (const [id, list] of byConversation) if (applyMessages(getTimeline(id), list) > 0) notify(id);
}

export function findMessage(conversationId: string, messageId: string): Message | undefined {
  return timelines.get(conversationId)?.byId.get(messageId);
}

/** Whether a message with this clientId has arrived (so its outbox entry is done). */
export function hasClientId(conversationId: string, clientId: string): boolean {
  const t = timelines.get(conversationId);
  if (!t) return false;
  for (const m of t.byId.values()) if (m.clientId === clientId) return true;
  return false;
}

/** Runs one load per key at a time (scroll events fire many times). */
function once<T>(key: string, run: () => Promise<T>): Promise<T> {
  const running = loading.get(key) as Promise<T> | undefined;
  if (running) return running;
  const p = run().finally(() => loading.delete(key));
  loading.set(key, p);
  return p;
}

export function loadLatest(conversationId: string) {
  return once(`${conversationId}:latest`, async () => {
    const page = await request('message:history', { conversationId, limit: HISTORY_PAGE_SIZE });
    mergePage(getTimeline(conversationId), page, 'latest');
    notify(conversationId);
  });
}

export function loadBefore(conversationId: string) {
  const s = getTimeline(conversationId).segment;
  if (!s?.hasMoreBefore) return Promise.resolve();
  return once(`${conversationId}:before`, async () => {
    const page = await request('message:history', {
      conversationId,
      before: s.fromSeq,
      limit: HISTORY_PAGE_SIZE,
    });
    mergePage(getTimeline(conversationId), page, 'before');
    notify(conversationId);
  });
}

export function loadAfter(conversationId: string) {
  const s = getTimeline(conversationId).segment;
  if (!s || s.toSeq === null) return Promise.resolve();
  const after = s.toSeq;
  return once(`${conversationId}:after`, async () => {
    const page = await request('message:history', {
      conversationId,
      after,
      limit: HISTORY_PAGE_SIZE,
    });
    mergePage(getTimeline(conversationId), page, 'after');
    notify(conversationId);
  });
}

/** Loads a window around a message; returns its thread root when the message is a reply. */
export function loadAround(conversationId: string, messageId: string) {
  return once(`${conversationId}:around:${messageId}`, async () => {
    const page = await request('message:history', {
      conversationId,
      around: messageId,
      limit: HISTORY_PAGE_SIZE,
    });
    const t = getTimeline(conversationId);
    if (page.threadRootId) {
      mergeThreadPage(t, page.threadRootId, page);
      // The root itself belongs to the main timeline; show the newest page behind the thread.
      if (!t.segment)
        mergePage(
          t,
          await request('message:history', { conversationId, limit: HISTORY_PAGE_SIZE }),
          'latest',
        );
    } else mergePage(t, page, 'around');
    notify(conversationId);
    return page.threadRootId;
  });
}

export function loadThread(conversationId: string, threadRootId: string, older = false) {
  const t = getTimeline(conversationId);
  const state = t.threads.get(threadRootId);
  if (older && !state?.hasMoreBefore) return Promise.resolve();
  return once(`${conversationId}:thread:${threadRootId}:${older}`, async () => {
    const page = await request('message:history', {
      conversationId,
      threadRootId,
      limit: HISTORY_PAGE_SIZE,
      ...(older && state ? { before: state.fromSeq } : {}),
    });
    mergeThreadPage(getTimeline(conversationId), threadRootId, page);
    notify(conversationId);
  });
}

/** Catch-up after a reconnect (the protocol's one algorithm), applied to the tab's timeline. */
export function syncConversation(conversationId: string) {
  return once(`${conversationId}:sync`, async () => {
    const t = getTimeline(conversationId);
    await catchUp({
      maxChangeSeq: t.maxChangeSeq,
      fetchPage: (sinceChangeSeq) =>
        request('conversation:sync', { conversationId, sinceChangeSeq }),
      apply(page) {
        applyMessages(t, page.messages);
        if (page.counter !== undefined) noteCounter(t, page.counter);
      },
    });
    t.version++;
    notify(conversationId);
  });
}

/** Catch-up for every conversation on screen; timelines never shown are simply dropped. */
export async function syncAll(): Promise<void> {
  for (const [id, t] of timelines) if (!t.segment && t.threads.size === 0) timelines.delete(id);
  await Promise.allSettled([...timelines.keys()].map((id) => syncConversation(id)));
}

/** Forget everything (sign-out, conversation removed). */
export function dropTimeline(conversationId?: string) {
  if (conversationId) timelines.delete(conversationId);
  else timelines.clear();
}
