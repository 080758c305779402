import type { Logger } from '../log.js';

/**
 * Features that keep something tied to one session (push: the device that session turned push
 * on) hear here when sessions end, however they end: signing out, revocation (one or all),
 * a password reset or change, suspension, erasure, guest expiry, the idle and absolute timeouts.
 * Every one of those deletes the session row through the Lucia adapter (lucia.ts), which calls
 * `sessionsEnded` after the delete: one place, so a new way of ending a session is covered
 * without anyone remembering the features. Rotation keeps the browser and the person, so what
 * was tied to the old session moves to the new one instead (sessions.ts replaceSession).
 */
export interface SessionListener {
  name: string;
  /** These sessions' rows are gone. Raw session ids: never store or log them. */
  ended(sessionIds: readonly string[]): Promise<void>;
  /** The same person's same browser goes on under `to` (rotation): `from` is about to end. */
  replaced(from: string, to: string): Promise<void>;
}
export const sessionListeners: SessionListener[] = [];

/** A failing listener is logged and the others still run; the session stays ended regardless. */
export async function sessionsEnded(sessionIds: readonly string[], log: Logger): Promise<void> {
  if (!sessionIds.length) return;
  for (const listener of sessionListeners) {
    await listener.ended(sessionIds).catch((err: unknown) => {
      log.error({ err, listener: listener.name }, 'session end listener failed');
    });
  }
}

export async function sessionReplaced(from: string, to: string, log: Logger): Promise<void> {
  for (const listener of sessionListeners) {
    await listener.replaced(from, to).catch((err: unknown) => {
      log.error({ err, listener: listener.name }, 'session rotation listener failed');
    });
  }
}
