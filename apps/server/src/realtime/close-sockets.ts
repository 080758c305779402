import type { SessionEndReason } from '@yhteistyotila/protocol';
import type { AppContext, TypedSocket } from '../context.js';
import { publishNow } from './facts.js';

/*
 * Closing sockets belongs to the realtime layer, and so does telling them why: the reason is
 * published at once (there is no write to wait for), just before they close, so that it reaches
 * them at all. Services decide that a session ended; they never emit (docs/ARCHITECTURE.md,
 * "Where an event is emitted").
 */

/** Every socket in `room` (a session's, on any process through the adapter) hears why, then closes. */
export function closeRoomSockets(app: AppContext, room: string, reason: SessionEndReason): void {
  publishNow(app, room, 'session:revoked', { reason });
  app.io.in(room).disconnectSockets(true);
}

/** This one socket hears why, then closes. */
export function closeSocket(app: AppContext, socket: TypedSocket, reason: SessionEndReason): void {
  publishNow(app, socket.id, 'session:revoked', { reason });
  socket.disconnect(true);
}
