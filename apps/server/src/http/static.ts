import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import { allOperationalRoutes, API_PREFIX } from '@yhteistyotila/protocol';
import type { Logger } from '../log.js';

/** Paths that are never the app shell: the API, Socket.IO and the operational routes. */
const NOT_SPA_PREFIXES = [API_PREFIX, '/socket.io', ...allOperationalRoutes().map((r) => r.path)];
const NOT_SPA = new RegExp(
  `^(${NOT_SPA_PREFIXES.map((p) => p.replace(/[.]/g, '\\.')).join('|')})(/|$)`,
);

/** Serves the built web app: hashed assets cached for a year, index.html never cached. */
export function serveWeb(app: Express, webDist: string, log: Logger): void {
  const index = path.join(webDist, 'index.html');
  if (!existsSync(index)) {
    log.warn({ webDist }, 'web app not built: run `npm run build`');
    return;
  }
  app.use(
    '/assets',
    express.static(path.join(webDist, 'assets'), { immutable: true, maxAge: '1y', index: false }),
    // A missing asset is a plain 404, never the app shell (a stale page asking for an old hashed
    // file must see it fail). Refused paths (`..`, undecodable escapes) land here too: send's
    // own errors for them carry the file path and would be logged as server faults.
    (_req, res) => void res.status(404).json({ code: 'NOT_FOUND', message: 'no such asset' }),
  );
  app.use(express.static(webDist, { index: false, maxAge: '1h' }));
  app.get(/.*/, (req, res, next) => {
    if (NOT_SPA.test(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
