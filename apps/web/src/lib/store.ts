import { useSyncExternalStore } from 'react';

/*
 * The tab's module-level stores (messages, typing, presence, outbox, toasts, notifications, the
 * socket's state) keep their own data and share this one way of telling React it changed: call
 * `notify()` after every change; components read a snapshot with `useStore`. The snapshot must
 * stay the same value (===) until the next change, as useSyncExternalStore requires.
 */
export interface Store {
  subscribe(listener: () => void): () => void;
  notify(): void;
}

export function createStore(): Store {
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    notify() {
      for (const listener of listeners) listener();
    },
  };
}

/** One store per key (a conversation's timeline), made on first use. */
export function createStoreFamily(): (key: string) => Store {
  const stores = new Map<string, Store>();
  return (key) => {
    let store = stores.get(key);
    if (!store) stores.set(key, (store = createStore()));
    return store;
  };
}

/** The snapshot, re-read (and the component re-rendered) whenever the store notifies. */
export function useStore<T>(store: Pick<Store, 'subscribe'>, getSnapshot: () => T): T {
  return useSyncExternalStore(store.subscribe, getSnapshot);
}
