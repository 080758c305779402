import type { SessionEndReason } from '@yhteistyotila/protocol';
import { createStore, useStore } from './store.js';

/*
 * Why the server ended this device's session, for the sign-in page to say. Kept apart from the
 * router: the person can reach /kirjaudu by two paths that race (the `session:revoked` event,
 * or the signed-out redirect of a page whose session query settled first), and the reason may
 * even arrive after they are there (told again at the next handshake). The socket records it
 * whenever it arrives; the notice reads it live. A reload forgets it; signing in forgets it.
 */
let reason: SessionEndReason | undefined;
/** This tab asked to sign out: the server's "signed out" that follows is no news to it. */
let signingOutHere = false;
const changes = createStore();

/** Called by this tab's own sign-out, before it asks the server. */
export function signingOut(): void {
  signingOutHere = true;
}

export function rememberSessionEnded(next: SessionEndReason): void {
  // A rotation is this tab's own password change: it stays signed in, nothing to say.
  if (next === 'rotated' || next === reason) return;
  if (next === 'signed-out' && signingOutHere) return;
  reason = next;
  changes.notify();
}

export function forgetSessionEnded(): void {
  signingOutHere = false;
  if (reason === undefined) return;
  reason = undefined;
  changes.notify();
}

export const useSessionEnded = (): SessionEndReason | undefined => useStore(changes, () => reason);
