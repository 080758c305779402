import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { PROTOCOL_VERSION, isStaff, rooms } from '@yhteistyotila/protocol';
import { Server } from 'socket.io';
import type { Config } from '../config.js';
import type { AppContext, TypedServer } from '../context.js';
import { authenticate } from '../features/access/auth.js';
import type { Feature } from '../features/feature.js';
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
  return new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 256 * 1024,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    // Cross-site WebSocket hijacking defence: a browser always sends Origin.
    allowRequest: (req, callback) => callback(null, isAllowedOrigin(req.headers.origin, config)),
    ...(redis ? { adapter: createAdapter(redis) } : {}),
  });
}

/** Handshake: protocol version, then session; then feature hooks and handlers per socket. */
export function attachRealtime(app: AppContext, features: Feature[]): void {
  const { io } = app;
  io.use((socket, next) => {
    const version = (socket.handshake.auth as { protocolVersion?: unknown }).protocolVersion;
    if (version !== PROTOCOL_VERSION) return next(new HandshakeError('PROTOCOL_MISMATCH'));
    next();
  });
  io.use((socket, next) => {
    authenticate(app.lucia, app.config, socket.request.headers.cookie)
      .then((auth) => {
        socket.data.user = auth?.user ?? null;
        socket.data.sessionId = auth?.session.id ?? null;
        next();
      })
      .catch((err: unknown) => {
        app.log.error({ err }, 'socket authentication failed');
        next(new HandshakeError('UNAVAILABLE'));
      });
  });

  const handlers = features.flatMap((f) => f.socketHandlers?.(app) ?? []);
  io.on('connection', (socket) => {
    app.metrics.socketConnections.inc();
    socket.on('disconnect', () => app.metrics.socketConnections.dec());
    const { user, sessionId } = socket.data;
    if (user && sessionId) {
      void socket.join([rooms.user(user.id), rooms.session(sessionId), rooms.everyone()]);
      if (isStaff(user.role)) void socket.join(rooms.moderators());
    }
    for (const handler of handlers) handler.attach(socket, app);
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
