import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@yhteistyotila/protocol';
import type { Config } from './config.js';
import type { AuthUser } from './auth/auth.js';
import type { AppLucia } from './auth/lucia.js';
import type { RedisClient } from './lib/redis.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';

export interface SocketData {
  user: AuthUser | null;
  sessionId: string | null;
}

export type TypedServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type TypedSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** Process-wide dependencies, created once in createApplication() and passed explicitly. */
export interface AppContext {
  config: Config;
  log: Logger;
  io: TypedServer;
  lucia: AppLucia;
  metrics: Metrics;
  redis: RedisClient | undefined;
}
