import {
  PROTOCOL_VERSION,
  sessionRevokedSchema,
  type Ack,
  type ClientEventName,
  type ClientEventPayload,
  type ClientEventResult,
  type ClientToServerEvents,
  type HandshakeAuth,
  type ServerToClientEvents,
} from '@yhteistyotila/protocol';
import { io, type Socket } from 'socket.io-client';
import { ApiError } from './api.js';
import { setConnectionState as setState } from './connection.js';
import { rememberSessionEnded } from './session-ended.js';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * One socket per tab, same origin (cookie auth), its state in lib/connection.ts. Only
 * signed-in code imports this module, so the public pages never download Socket.IO
 * (a test of the landing page checks it: apps/web/e2e/first-load.e2e.ts).
 */
let socket: AppSocket | undefined;

export function getSocket(): AppSocket {
  if (socket) return socket;
  const auth: HandshakeAuth = { protocolVersion: PROTOCOL_VERSION };
  // WebSocket first, long-polling where a network refuses WebSockets. Without
  // tryAllTransports a failed WebSocket is retried as WebSocket forever (the client only falls
  // back within an attempt when asked to), and such a person never connects.
  const s: AppSocket = io({
    auth,
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    autoConnect: false,
  });
  s.on('connect', () => setState('connected'));
  // Recorded here, for the socket's whole life: the app's own listener (app/Layout.tsx) goes
  // away once the session query says "signed out", which may happen before this arrives.
  s.on('session:revoked', (payload) => {
    const parsed = sessionRevokedSchema.safeParse(payload);
    if (parsed.success) rememberSessionEnded(parsed.data.reason);
  });
  s.on('disconnect', (reason) => {
    // The server ended this socket on purpose (session revoked, role changed): reconnecting
    // re-runs the handshake with the current cookie, which decides what happens next.
    if (reason === 'io server disconnect') s.connect();
    setState(navigator.onLine ? 'reconnecting' : 'offline');
  });
  s.on('connect_error', (err: Error & { data?: { code?: string } }) => {
    if (err.data?.code === 'PROTOCOL_MISMATCH') {
      setState('outdated');
      return;
    }
    setState(navigator.onLine ? 'reconnecting' : 'offline');
    // Handshake refusals (not transport errors) stop Socket.IO's own retries.
    if (!s.active) setTimeout(() => s.connect(), 2000);
  });
  s.io.on('reconnect_attempt', () => setState(navigator.onLine ? 'reconnecting' : 'offline'));
  window.addEventListener('offline', () => setState('offline'));
  window.addEventListener('online', () => {
    if (!s.connected) {
      setState('reconnecting');
      s.connect();
    }
  });
  socket = s;
  s.connect();
  return s;
}

/** Reconnects with the current cookie (after sign-in or sign-out). */
export function restartSocket(): void {
  if (!socket) return;
  socket.disconnect();
  socket.connect();
}

/**
 * Sends a command and resolves with its data, or throws ApiError with the server's code
 * (UNAVAILABLE when no ack arrives in time).
 */
export async function request<E extends ClientEventName>(
  event: E,
  payload: ClientEventPayload<E>,
  timeoutMs = 10_000,
): Promise<ClientEventResult<E>> {
  const s = getSocket();
  const emit = s.timeout(timeoutMs).emitWithAck as unknown as (
    e: E,
    p: unknown,
  ) => Promise<Ack<ClientEventResult<E>>>;
  let res: Ack<ClientEventResult<E>>;
  try {
    res = await emit.call(s.timeout(timeoutMs), event, payload);
  } catch {
    throw new ApiError({ code: 'UNAVAILABLE', message: 'no acknowledgement' }, 0);
  }
  if (!res.ok) throw new ApiError(res.error, 0);
  return res.data;
}
