import { useSyncExternalStore } from 'react';
import { getSocket } from '../../../lib/socket.js';

/** How many times the socket has connected in this tab: a dependency for "retry after reconnect". */
let count = 0;
let watching = false;

export function useConnectionCount(): number {
  return useSyncExternalStore(
    (listener) => {
      const socket = getSocket();
      if (!watching) {
        watching = true;
        if (socket.connected) count++;
        socket.on('connect', () => count++);
      }
      socket.on('connect', listener);
      return () => void socket.off('connect', listener);
    },
    () => count,
  );
}
