import type { Router } from 'express';
import type { AppContext, TypedSocket } from '../context.js';
import type { Migration } from '../db/migrations.js';
import type { SocketHandler } from '../realtime/define-handler.js';

/**
 * What a feature contributes to the application. Features are listed in features/index.ts;
 * nothing else wires them up.
 */
export interface Feature {
  name: string;
  socketHandlers?: (app: AppContext) => SocketHandler[];
  /** Mounted under /api. */
  routes?: (app: AppContext) => Router;
  /** Runs for every socket after authentication (rooms, presence). */
  onConnection?: (socket: TypedSocket, app: AppContext) => void | Promise<void>;
  /** Changes to stored data this version relies on, run once per database (db/migrations.ts). */
  migrations?: readonly Migration[];
  /** Seeds data, starts periodic jobs. Called once the database is ready. */
  start?: (app: AppContext) => void | Promise<void>;
  stop?: () => void | Promise<void>;
}
