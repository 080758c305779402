import type { Server, Socket } from 'socket.io';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  SessionEndReason,
} from '@yhteistyotila/protocol';
import type { Config } from './config.js';
import type { AuthUser } from './auth/auth.js';
import type { AppLucia } from './auth/lucia.js';
import type { PrivacyVersions } from './auth/privacy.js';
import type { RedisClient } from './lib/redis.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';

export interface SocketData {
  user: AuthUser | null;
  sessionId: string | null;
  /** The handshake's cookie named a session that has ended: why (told once connected). */
  sessionEnded?: SessionEndReason;
}

/** Between the processes of a cluster (the adapter's serverSideEmit). */
export interface InterServerEvents {
  /** A privacy statement was published: reload the versions, answer with the one in force. */
  'privacy:reload': (ack: (current: string) => void) => void;
}

export type TypedServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type TypedSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
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
  /** The privacy-statement versions as this process knows them (auth/privacy.ts). */
  privacy: PrivacyVersions;
}
