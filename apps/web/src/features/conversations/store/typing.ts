import { TYPING_TIMEOUT_MS, type PersonRef } from '@yhteistyotila/protocol';
import { createStore, useStore } from '../../../lib/store.js';

/**
 * Who is typing where ("conversationId:threadRootId"). The facts are volatile and a "stopped"
 * may never come, so every entry also expires on its own after TYPING_TIMEOUT_MS.
 */
const typing = new Map<string, Map<string, { person: PersonRef; expires: number }>>();
/** Snapshot per key, rebuilt on change, so React reads stable arrays. */
let snapshot = new Map<string, PersonRef[]>();
const store = createStore();
const EMPTY: PersonRef[] = [];

const keyOf = (conversationId: string, threadRootId: string | null) =>
  `${conversationId}:${threadRootId ?? ''}`;

function changed() {
  const now = Date.now();
  const next = new Map<string, PersonRef[]>();
  for (const [key, people] of typing) {
    for (const [id, e] of people) if (e.expires <= now) people.delete(id);
    if (people.size)
      next.set(
        key,
        [...people.values()].map((e) => e.person),
      );
  }
  snapshot = next;
  store.notify();
}

export function typingStarted(
  conversationId: string,
  threadRootId: string | null,
  person: PersonRef,
) {
  const key = keyOf(conversationId, threadRootId);
  const map = typing.get(key) ?? new Map();
  map.set(person.id, { person, expires: Date.now() + TYPING_TIMEOUT_MS });
  typing.set(key, map);
  changed();
  setTimeout(changed, TYPING_TIMEOUT_MS + 50);
}

export function typingStopped(conversationId: string, threadRootId: string | null, userId: string) {
  if (typing.get(keyOf(conversationId, threadRootId))?.delete(userId)) changed();
}

/** A message from someone ends their typing there. */
export const typingEndedByMessage = typingStopped;

export function useTyping(conversationId: string, threadRootId: string | null): PersonRef[] {
  return useStore(store, () => snapshot.get(keyOf(conversationId, threadRootId)) ?? EMPTY);
}
