import { ServerResponse, type Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { PROTOCOL_VERSION } from '@yhteistyotila/protocol';
import { Server } from 'socket.io';
import type { Config } from '../config.js';
import type { AppContext, TypedServer } from '../context.js';
import { authenticate } from '../auth/auth.js';
import { readSessionId } from '../auth/cookies.js';
import { sessionEndReason } from '../auth/ended-sessions.js';
import { joinRoomsAtConnect } from '../auth/live-access.js';
import type { Feature } from '../features/feature.js';
import { AppError, toErrorBody } from '../errors.js';
import { safeAck, splitArgs, type SocketHandler } from './define-handler.js';
import { publishNow } from './facts.js';
import { PenaltyBox, SocketThrottle } from './socket-throttle.js';
import { isAllowedOrigin } from '../http/origin.js';
import type { RedisClient } from '../lib/redis.js';

/** Error with data: Socket.IO passes `data` to the client's connect_error. */
class HandshakeError extends Error {
  data: { code: string };
  constructor(code: string) {
    super(code);
    this.data = { code };
  }
}

export function createSocketServer(
  httpServer: HttpServer,
  config: Config,
  redis: RedisClient | undefined,
): TypedServer {
  const io: TypedServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 256 * 1024,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    // Cross-site WebSocket hijacking defence: a browser always sends Origin.
    allowRequest: (req, callback) => callback(null, isAllowedOrigin(req.headers.origin, config)),
    ...(redis ? { adapter: createAdapter(redis) } : {}),
  });
  // Engine.IO's stand-in response to a WebSocket upgrade (engine.io 6.6: WebSocketResponse)
  // holds the upgrade request for as long as the TCP socket is open (its 'close' listener keeps
  // it), so dropping socket.conn.request at 'connection' freed nothing. Nothing reads it after
  // the middlewares (none sets a header on an upgrade): about 2 KB less per idle connection
  // (heap snapshots, bench: idle connections). A real ServerResponse (polling) is left alone.
  io.engine.use((_req: unknown, res: { req?: unknown }, next: () => void) => {
    if (!(res instanceof ServerResponse)) res.req = undefined;
    next();
  });
  return io;
}

/** Handshake: protocol version, then session; then feature hooks and handlers per socket. */
export function attachRealtime(app: AppContext, features: Feature[]): void {
  const { io } = app;
  io.use((socket, next) => {
    const version = (socket.handshake.auth as { protocolVersion?: unknown }).protocolVersion;
    if (version !== PROTOCOL_VERSION) return next(new HandshakeError('PROTOCOL_MISMATCH'));
    next();
  });
  const penalised = new PenaltyBox();
  io.use((socket, next) => {
    const cookie = socket.handshake.headers.cookie;
    authenticate(app.lucia, app.config, cookie)
      .then(async (auth) => {
        if (auth && penalised.has(auth.user.id)) return next(new HandshakeError('RATE_LIMITED'));
        socket.data.user = auth?.user ?? null;
        socket.data.sessionId = auth?.session.id ?? null;
        // A cookie of a session that has ended: the socket connects signed out and is told why,
        // as if it had been connected when the session ended.
        const ended = auth ? null : readSessionId(app.lucia, cookie);
        if (ended) socket.data.sessionEnded = (await sessionEndReason(ended)) ?? 'expired';
        next();
      })
      .catch((err: unknown) => {
        app.log.error({ err }, 'socket authentication failed');
        next(new HandshakeError('UNAVAILABLE'));
      });
  });

  const handlers = new Map<string, SocketHandler>();
  for (const handler of features.flatMap((f) => f.socketHandlers?.(app) ?? []))
    handlers.set(handler.event, handler);
  io.on('connection', (socket) => {
    // The HTTP request is not needed once the handshake has copied its headers
    // (socket.handshake): dropping it saves memory per idle connection (Socket.IO docs,
    // "memory usage").
    (socket.conn as unknown as { request: unknown }).request = null;
    app.metrics.socketConnections.inc();
    socket.on('disconnect', () => app.metrics.socketConnections.dec());
    const { user } = socket.data;
    // Before the feature hooks: they read whether this socket has live access (consent).
    joinRoomsAtConnect(app, socket);
    const { sessionEnded } = socket.data;
    if (sessionEnded) publishNow(app, socket.id, 'session:revoked', { reason: sessionEnded });
    // One dispatcher per socket instead of a listener per event.
    const throttle = new SocketThrottle(app.config.socketEvents);
    socket.onAny((event: string, ...args: unknown[]) => {
      if (!throttle.take()) {
        safeAck(splitArgs(args).ack, SocketThrottle.refused);
        app.metrics.socketEventsThrottled.inc();
        if (throttle.flooding && socket.connected) {
          app.log.warn({ userId: user?.id, socketId: socket.id }, 'socket flooding: disconnected');
          app.metrics.socketFloodDisconnects.inc();
          if (user) penalised.add(user.id);
          socket.disconnect(true);
        }
        return;
      }
      const handler = handlers.get(event);
      if (handler) return handler.handle(socket, app, args);
      safeAck(splitArgs(args).ack, {
        ok: false,
        error: toErrorBody(new AppError('VALIDATION_ERROR', 'unknown event')).body,
      });
    });
    for (const feature of features) {
      if (!feature.onConnection) continue;
      Promise.resolve(feature.onConnection(socket, app)).catch((err: unknown) =>
        app.log.error(
          { err, feature: feature.name, socketId: socket.id },
          'connection hook failed',
        ),
      );
    }
  });
}
