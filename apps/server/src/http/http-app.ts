import { API_PREFIX, operationalRoutes } from '@yhteistyotila/protocol';
import compression from 'compression';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { AppContext } from '../context.js';
import { pingDatabase } from '../db/connection.js';
import { consentGate } from '../auth/consent-gate.js';
import type { Feature } from '../features/feature.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { metricsRoute } from './metrics-route.js';
import { originCheck } from './origin.js';
import { sessionMiddleware } from './session-middleware.js';
import { serveWeb } from './static.js';

export function createHttpApp(app: AppContext, features: Feature[]): Express {
  const http = express();
  http.disable('x-powered-by');
  // One hop: the address our own proxy saw is the right-most X-Forwarded-For entry. Trusting
  // every hop took the left-most, which the client writes itself (nginx appends to it), and so
  // let anyone pick a fresh address for each try past every per-address limit.
  http.set('trust proxy', app.config.trustProxy ? 1 : false);
  http.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          ...(app.config.isProduction ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: app.config.isProduction,
    }),
  );
  http.use((req, res, next) => {
    res.on('finish', () =>
      app.metrics.httpRequests.inc({ method: req.method, status: String(res.statusCode) }),
    );
    next();
  });
  // API answers, the app shell and whatever the build left uncompressed, compressed per request
  // (brotli or gzip, as the browser prefers); built assets come precompressed (static.ts) and
  // keep their encoding. Socket.IO never gets here: its engine answers its own path first.
  http.use(compression());

  // Not through mountRoute: these answer with their own status (503) or text, and no session.
  const ops = operationalRoutes;
  http.get(ops.healthz.path, (_req, res) => void res.json(ops.healthz.result.parse({ ok: true })));
  http.get(ops.readyz.path, async (_req, res) => {
    const ok = await pingDatabase();
    res.status(ok ? 200 : 503).json({ ok, database: ok ? 'ok' : 'unreachable' });
  });
  const metrics = metricsRoute(app);
  if (metrics) http.get(ops.metrics.path, metrics);

  const api = express.Router();
  // A person's own data (who is signed in, sessions, profile, export) must not stay in a shared
  // browser's or a proxy's cache; set first, so error answers carry it too.
  api.use(['/me', '/session'], (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(express.json({ limit: '100kb' }));
  api.use(originCheck(app.config));
  api.use(sessionMiddleware(app));
  api.use(consentGate(app));
  for (const feature of features) {
    if (feature.routes) api.use(feature.routes(app));
  }
  api.use(notFoundHandler);
  http.use(API_PREFIX, api);

  if (app.config.serveWeb) serveWeb(http, app.config.webDist, app.log);
  http.use(notFoundHandler);
  http.use(errorHandler(app));
  return http;
}
