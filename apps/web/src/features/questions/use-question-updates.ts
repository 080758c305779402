import type { Question } from '@yhteistyotila/protocol';
import { useEffect } from 'react';
import { getSocket } from '../../lib/socket.js';

/**
 * Calls `onUpdate` for every question change this person hears (their own questions, and for
 * experts the ones they may see), and `onConnect` after every (re)connect: facts missed while
 * offline are not replayed, so a page reloads then.
 */
export function useQuestionUpdates(onUpdate: (q: Question) => void, onConnect: () => void): void {
  useEffect(() => {
    const socket = getSocket();
    socket.on('question:updated', onUpdate);
    socket.on('connect', onConnect);
    if (socket.connected) onConnect();
    return () => {
      socket.off('question:updated', onUpdate);
      socket.off('connect', onConnect);
    };
  }, [onUpdate, onConnect]);
}

/** A list with `q` put in its place (or added), in the order `compare` gives. */
export const upsertQuestion = (
  list: Question[] | null,
  q: Question,
  keep: (q: Question) => boolean = () => true,
): Question[] => {
  const rest = (list ?? []).filter((x) => x.id !== q.id);
  return keep(q) ? [q, ...rest] : rest;
};
