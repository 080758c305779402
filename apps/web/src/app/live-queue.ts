import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { getSocket } from '../lib/socket.js';

/** How a moderators' queue (join requests, reports) reads, orders and announces its items. */
export interface QueueRules<T> {
  /** Still waiting for a decision: stays in the queue. */
  isOpen: (item: T) => boolean;
  order: (a: T, b: T) => number;
}

/** One item changed (a fact, or the answer to this moderator's own action). */
export function applyChange<T extends { id: string }>(
  list: readonly T[] | null,
  item: T,
  rules: QueueRules<T>,
): T[] {
  const rest = (list ?? []).filter((i) => i.id !== item.id);
  return rules.isOpen(item) ? [...rest, item].sort(rules.order) : rest;
}

/**
 * A loaded list, minus what changed while it was on its way: the list was read before those
 * changes, so its copy of them is older. (Taking a request and then seeing it untaken again,
 * because the list asked for before the click answered after it, was the bug.)
 */
export function mergeLoaded<T extends { id: string }>(
  loaded: readonly T[],
  changedSince: ReadonlyMap<string, T>,
  rules: QueueRules<T>,
): T[] {
  const unchanged = loaded.filter((i) => !changedSince.has(i.id));
  return [...unchanged, ...[...changedSince.values()].filter(rules.isOpen)].sort(rules.order);
}

type ItemEvent =
  'joinRequest:created' | 'joinRequest:updated' | 'report:created' | 'report:updated';

/**
 * The live queue: loaded, then kept current from the moderators' room; reloaded after every
 * (re)connect because facts missed while offline are not replayed.
 */
export function useLiveQueue<T extends { id: string }>(options: {
  load: () => Promise<readonly T[]>;
  created: ItemEvent;
  updated: ItemEvent;
  rules: QueueRules<T>;
  /** What a screen reader hears when an item arrives. */
  arrivalText: (item: T) => string;
}) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  // The latest options without re-subscribing (callers pass new closures every render).
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });
  // One map per list request in flight: the items changed since it was asked for.
  const inFlight = useRef(new Set<Map<string, T>>());

  const upsert = useCallback((item: T) => {
    for (const changed of inFlight.current) changed.set(item.id, item);
    setItems((list) => applyChange(list, item, latest.current.rules));
  }, []);

  const { created, updated } = options;
  useEffect(() => {
    const socket = getSocket() as unknown as {
      connected: boolean;
      on(e: ItemEvent | 'connect', h: (item: T) => void): void;
      off(e: ItemEvent | 'connect', h: (item: T) => void): void;
    };
    const load = () => {
      const changed = new Map<string, T>();
      inFlight.current.add(changed);
      latest.current
        .load()
        .then(
          (loaded) => {
            setItems(mergeLoaded(loaded, changed, latest.current.rules));
            setError(null);
          },
          (err: unknown) => setError(err),
        )
        .finally(() => inFlight.current.delete(changed));
    };
    const onCreated = (item: T) => {
      upsert(item);
      setAnnouncement(latest.current.arrivalText(item));
    };
    socket.on(created, onCreated);
    socket.on(updated, upsert);
    socket.on('connect', load);
    if (socket.connected) load();
    return () => {
      socket.off(created, onCreated);
      socket.off(updated, upsert);
      socket.off('connect', load);
    };
  }, [created, updated, upsert]);

  return { items, error, announcement, setAnnouncement, upsert };
}
