import { MAX_PRESENCE_QUERY, type Presence, type PresenceStatus } from '@yhteistyotila/protocol';
import { useEffect } from 'react';
import { request } from '../../lib/socket.js';
import { createStore, useStore } from '../../lib/store.js';

/*
 * Presence of the people this tab shows. Facts and query answers may cross, so each person keeps
 * the state with the highest `version` (the server bumps it on every change).
 */
const known = new Map<string, Presence>();
const store = createStore();
let wanted = new Set<string>();
let queryTimer: ReturnType<typeof setTimeout> | undefined;
let snapshot = 0;

function changed() {
  snapshot++;
  store.notify();
}

export function applyPresence(p: Presence): void {
  const held = known.get(p.userId);
  if (held && held.version > p.version) return;
  if (held && held.version === p.version && held.status === p.status) return;
  known.set(p.userId, p);
  changed();
}

/** Asks for these people's presence (batched; later facts keep it current). */
export function watchPresence(userIds: readonly string[]): void {
  let added = false;
  for (const id of userIds)
    if (!known.has(id) && !wanted.has(id)) {
      wanted.add(id);
      added = true;
    }
  if (!added) return;
  clearTimeout(queryTimer);
  queryTimer = setTimeout(() => void flushQuery(), 50);
}

async function flushQuery(ids = [...wanted]) {
  wanted = new Set();
  for (let i = 0; i < ids.length; i += MAX_PRESENCE_QUERY) {
    const chunk = ids.slice(i, i + MAX_PRESENCE_QUERY);
    try {
      const { presences } = await request('presence:query', { userIds: chunk });
      presences.forEach(applyPresence);
    } catch {
      // Not connected: the reconnect refresh asks again.
    }
  }
}

/** After a reconnect every status may be stale: ask again for everyone shown. */
export function refreshPresence(): Promise<void> {
  return flushQuery([...new Set([...known.keys(), ...wanted])]);
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
/**
 * The server said more people changed than it listed (a storm of reconnects): ask again once,
 * at a random moment within two seconds, so thousands of tabs do not all ask at once.
 */
export function refreshPresenceSoon(): void {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = undefined;
    void refreshPresence();
  }, Math.random() * 2000);
}

export function usePresence(userId: string | undefined): PresenceStatus | undefined {
  useEffect(() => {
    if (userId) watchPresence([userId]);
  }, [userId]);
  useStore(store, () => snapshot);
  return userId ? known.get(userId)?.status : undefined;
}
