import type { Message } from '@yhteistyotila/protocol';
import { openDB, type IDBPDatabase } from 'idb';
import { ApiError } from '../../../lib/api.js';
import { getSocket, request } from '../../../lib/socket.js';
import { createStore } from '../../../lib/store.js';
import { afterSendError, sendQueue, type OutboxEntry } from './outbox-logic.js';

/*
 * The outbox: every message goes here first (IndexedDB, so it survives reloads), is sent while
 * the socket is connected, and leaves only when the server acknowledged it or its message came
 * back as a fact. Resending is safe: the server returns the stored message for a known clientId.
 */

const DB_NAME = 'yt-outbox';
const STORE = 'entries';
const RETRY_DELAY_MS = 3000;

let dbPromise: Promise<IDBPDatabase | null> | undefined;
function db(): Promise<IDBPDatabase | null> {
  dbPromise ??=
    typeof indexedDB === 'undefined'
      ? Promise.resolve(null)
      : openDB(DB_NAME, 1, {
          upgrade(database) {
            database.createObjectStore(STORE, { keyPath: 'clientId' });
          },
        }).catch(() => null); // Private modes may refuse IndexedDB: keep working in memory.
  return dbPromise;
}

let entries: OutboxEntry[] = [];
let currentUser: string | null = null;
const inFlight = new Set<string>();
const store = createStore();
let onDelivered: (message: Message) => void = () => {};
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let flushing = false;

function changed() {
  entries = [...entries];
  store.notify();
}

async function persist(entry: OutboxEntry) {
  await (await db())?.put(STORE, entry);
}
async function forget(clientId: string) {
  await (await db())?.delete(STORE, clientId);
}

export const outbox = {
  subscribe: store.subscribe,
  getEntries: () => entries,

  /**
   * Loads this person's saved entries and starts sending. The composer can be used before this
   * runs (the runtime's chunk may arrive after the conversation's): what was written meanwhile
   * is kept and merged in, never replaced by the saved list.
   */
  async start(userId: string, delivered: (message: Message) => void) {
    onDelivered = delivered;
    if (currentUser === userId) return;
    currentUser = userId;
    const saved = ((await (await db())?.getAll(STORE)) ?? []) as OutboxEntry[];
    if (currentUser !== userId) return; // Someone else signed in meanwhile.
    const mine = (e: OutboxEntry) => e.userId === userId;
    const known = new Set(entries.filter(mine).map((e) => e.clientId));
    entries = [...entries.filter(mine), ...saved.filter((e) => mine(e) && !known.has(e.clientId))];
    changed();
    void outbox.flush();
  },

  /** Keeps a written message (IndexedDB first) and sends it once the outbox has started. */
  async add(input: Pick<OutboxEntry, 'conversationId' | 'threadRootId' | 'text' | 'userId'>) {
    const entry: OutboxEntry = {
      ...input,
      clientId: crypto.randomUUID(),
      createdAt: Date.now(),
      status: 'pending',
      errorCode: null,
      attempts: 0,
    };
    entries.push(entry);
    changed();
    await persist(entry);
    void outbox.flush();
  },

  /** Sends every pending entry, one at a time (keeping their order), while the socket is connected. */
  async flush() {
    if (flushing) return; // The running loop re-reads the queue after every send.
    flushing = true;
    try {
      for (;;) {
        // Before start() nothing is sent: no one could take the acknowledged message in.
        if (!currentUser || !getSocket().connected) return;
        const next = sendQueue(
          entries.filter((e) => e.userId === currentUser),
          inFlight,
        )[0];
        if (!next || !(await send(next))) return;
      }
    } finally {
      flushing = false;
    }
  },

  async retry(clientId: string) {
    const entry = entries.find((e) => e.clientId === clientId);
    if (!entry) return;
    replace({ ...entry, status: 'pending', errorCode: null, attempts: 0 });
    await persist(entries.find((e) => e.clientId === clientId)!);
    void outbox.flush();
  },

  async discard(clientId: string) {
    entries = entries.filter((e) => e.clientId !== clientId);
    changed();
    await forget(clientId);
  },

  /** A message with this clientId reached us (ack or fact): the entry is done. */
  resolve(clientId: string) {
    if (!entries.some((e) => e.clientId === clientId)) return;
    void outbox.discard(clientId);
  },
};

function replace(entry: OutboxEntry) {
  entries = entries.map((e) => (e.clientId === entry.clientId ? entry : e));
  changed();
}

/** Sends one entry; false = stop the loop for now (a transient failure, retried soon). */
async function send(entry: OutboxEntry): Promise<boolean> {
  inFlight.add(entry.clientId);
  try {
    const { message } = await request('message:send', {
      conversationId: entry.conversationId,
      clientId: entry.clientId,
      text: entry.text,
      threadRootId: entry.threadRootId,
    });
    onDelivered(message);
    outbox.resolve(entry.clientId);
    return true;
  } catch (err) {
    const next = afterSendError(entry, err instanceof ApiError ? err.code : 'INTERNAL');
    if (entries.some((e) => e.clientId === entry.clientId)) {
      replace(next);
      await persist(next);
    }
    if (next.status === 'failed') return true;
    // Reconnects flush too; this timer covers a busy or briefly failing server.
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void outbox.flush(), RETRY_DELAY_MS);
    return false;
  } finally {
    inFlight.delete(entry.clientId);
  }
}
