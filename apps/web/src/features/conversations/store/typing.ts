import { TYPING_TIMEOUT_MS, type PersonRef } from '@yhteistyotila/protocol';
import { useSyncExternalStore } from 'react';

/** Who is typing where ("conversationId:threadRootId"); entries expire on their own (facts are volatile). */
const typing = new Map<string, Map<string, { person: PersonRef; expires: number }>>();
const listeners = new Set<() => void>();
let version = 0;

const keyOf = (conversationId: string, threadRootId: string | null) => `${conversationId}:${threadRootId ?? ''}`;

function changed() {
  version++;
  for (const l of listeners) l();
}

export function typingStarted(conversationId: string, threadRootId: string | null, person: PersonRef) {
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
  useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    () => version,
  );
  const now = Date.now();
  return [...(typing.get(keyOf(conversationId, threadRootId))?.values() ?? [])].filter((e) => e.expires > now).map((e) => e.person);
}
