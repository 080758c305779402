import type { ErrorCode } from '@yhteistyotila/protocol';

/** A message written here and not yet acknowledged by the server. Kept in IndexedDB. */
export interface OutboxEntry {
  /** The UUID sent as `clientId`; the server stores at most one message per (author, clientId). */
  clientId: string;
  /** Whose outbox (a shared computer may be signed in as someone else after a reload). */
  userId: string;
  conversationId: string;
  threadRootId: string | null;
  text: string;
  createdAt: number;
  status: 'pending' | 'failed';
  /** Why it failed (shown translated); null while pending. */
  errorCode: ErrorCode | null;
  attempts: number;
}

/** After this many transient failures in a row the entry is shown as failed (with retry). */
export const MAX_AUTOMATIC_ATTEMPTS = 5;

/**
 * What to do after a send failed. Transient problems (no ack, server busy, signed out for a
 * moment) keep the entry pending for the next connection; a refusal that a resend cannot change
 * (too long, not a member any more) fails at once so the person can edit or discard it.
 */
export function afterSendError(entry: OutboxEntry, code: ErrorCode): OutboxEntry {
  const transient =
    code === 'UNAVAILABLE' ||
    code === 'RATE_LIMITED' ||
    code === 'INTERNAL' ||
    code === 'UNAUTHENTICATED';
  const attempts = entry.attempts + 1;
  if (transient && (code === 'UNAVAILABLE' || attempts < MAX_AUTOMATIC_ATTEMPTS)) {
    return { ...entry, attempts, status: 'pending', errorCode: null };
  }
  return { ...entry, attempts, status: 'failed', errorCode: code };
}

/**
 * Entries to show at the end of a timeline: this conversation (and thread), oldest first, minus
 * those whose message has already arrived (a fact can overtake the ack).
 */
export function entriesToShow(
  entries: readonly OutboxEntry[],
  conversationId: string,
  threadRootId: string | null,
  isDelivered: (clientId: string) => boolean,
): OutboxEntry[] {
  return entries
    .filter(
      (e) =>
        e.conversationId === conversationId &&
        e.threadRootId === threadRootId &&
        !isDelivered(e.clientId),
    )
    .sort((a, b) => a.createdAt - b.createdAt);
}

/** Entries to (re)send now, oldest first so a conversation's messages keep their order. */
export const sendQueue = (
  entries: readonly OutboxEntry[],
  inFlight: ReadonlySet<string>,
): OutboxEntry[] =>
  entries
    .filter((e) => e.status === 'pending' && !inFlight.has(e.clientId))
    .sort((a, b) => a.createdAt - b.createdAt);
