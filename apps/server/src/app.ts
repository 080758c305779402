import { createServer, type RequestListener, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import mongoose from 'mongoose';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { ensureIndexes } from './db/connection.js';
import { mirrorIndexesForFerretDb } from './db/ferretdb-postgres-indexes.js';
import { createLucia } from './auth/lucia.js';
import { PrivacyVersions } from './auth/privacy.js';
import { migrateExpertRole } from './auth/expert-capability.js';
import { runMigrations } from './db/migrations.js';
import type { Feature } from './features/feature.js';
import { features as allFeatures } from './features/index.js';
import { refuseOddEngineMethods } from './http/engine-methods.js';
import { createHttpApp } from './http/http-app.js';
import { connectRedis, type RedisClient } from './lib/redis.js';
import type { Logger } from './log.js';
import { createMetrics } from './metrics.js';
import { inFlight } from './realtime/in-flight.js';
import { attachRealtime, createSocketServer } from './realtime/socket-server.js';

export interface Application {
  app: AppContext;
  httpServer: HttpServer;
  /** The Express app behind httpServer (the fuzz test reads its routes). */
  httpApp: Express;
  /** Resolves with the bound port. */
  listen(): Promise<number>;
  /** Graceful: stop accepting, finish in-flight acks, close sockets, stop features. */
  close(): Promise<void>;
}

/**
 * Builds the whole server on an already connected database. main.ts and the tests both call
 * this, so tests exercise exactly what production runs.
 */
export async function createApplication(
  config: Config,
  log: Logger,
  features: Feature[] = allFeatures,
): Promise<Application> {
  const redis: RedisClient | undefined = config.redisUrl
    ? await connectRedis(config.redisUrl, log)
    : undefined;
  const httpServer = createServer();
  // Engine.IO, attached next, takes over the 'request' listeners already on the server and
  // calls them only for paths outside /socket.io/. A listener added after it would answer
  // Engine.IO's requests too: two writers on one response, and the second one's
  // ERR_HTTP_HEADERS_SENT stopped the process. So Express is registered first, through a
  // forwarder, and built once the context it needs (io) exists.
  let httpApp: RequestListener = (_req, res) => void res.writeHead(503).end();
  httpServer.on('request', (req, res) => httpApp(req, res));
  const io = createSocketServer(httpServer, config, redis);
  refuseOddEngineMethods(io);
  const app: AppContext = {
    config,
    log,
    io,
    lucia: createLucia(config, log),
    metrics: createMetrics(),
    redis,
    privacy: new PrivacyVersions(),
  };

  await ensureIndexes();
  if (config.ferretdbPostgresUrl)
    await mirrorIndexesForFerretDb(config.ferretdbPostgresUrl, mongoose.connection.name, log);
  // Before anything answers: every consent check compares with the version in force.
  await app.privacy.load();
  await runMigrations(
    [
      { id: '2026-11-30-expert-capability', up: migrateExpertRole },
      ...features.flatMap((f) => f.migrations ?? []),
    ],
    log,
  );
  const expressApp = createHttpApp(app, features);
  httpApp = expressApp;
  attachRealtime(app, features);
  for (const feature of features) await feature.start?.(app);

  return {
    app,
    httpServer,
    httpApp: expressApp,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () =>
          resolve((httpServer.address() as AddressInfo).port),
        );
      }),
    async close() {
      // Not a fact (docs/ARCHITECTURE.md, "Where an event is emitted"): about this process, so
      // only its own sockets, every one of them, signed in or not; never through the adapter.
      // eslint-disable-next-line no-restricted-syntax -- the one stated exception, see above
      io.local.emit('system:shutdown', { retryInMs: 1000 });
      const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await inFlight.drained(config.shutdownGraceMs);
      await io.close();
      httpServer.closeAllConnections();
      await httpClosed;
      for (const feature of [...features].reverse()) await feature.stop?.();
      if (redis?.isOpen) await redis.quit().catch(() => undefined);
      log.info('application closed');
    },
  };
}

export const disconnectDatabase = () => mongoose.disconnect();
