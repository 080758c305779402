import { createStore } from './store.js';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'outdated';

/**
 * The socket's connection state, a tiny external store that React reads with useStore. Apart
 * from the socket (lib/socket.ts) so that the header can show it without loading Socket.IO:
 * public pages never load the socket client.
 */
let state: ConnectionState = 'connecting';
const changes = createStore();

export const connection = {
  get: () => state,
  subscribe: changes.subscribe,
};

export function setConnectionState(next: ConnectionState) {
  if (next === state) return;
  state = next;
  changes.notify();
}
