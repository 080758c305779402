import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import { allOperationalRoutes, API_PREFIX } from '@yhteistyotila/protocol';
import type { Logger } from '../log.js';
import { firstPages } from './first-pages.js';

/**
 * Paths that are never the app shell: the API, Socket.IO, the operational routes, and the files
 * of the installable app (a missing service worker must be a 404, not index.html).
 */
const NOT_SPA_PREFIXES = [
  API_PREFIX,
  '/socket.io',
  ...allOperationalRoutes().map((r) => r.path),
  '/sw.js',
  '/manifest.webmanifest',
  '/icons',
];
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
    precompressed(path.join(webDist, 'assets')),
    express.static(path.join(webDist, 'assets'), { immutable: true, maxAge: '1y', index: false }),
    // A missing asset is a plain 404, never the app shell (a stale page asking for an old hashed
    // file must see it fail). Refused paths (`..`, undecodable escapes) land here too: send's
    // own errors for them carry the file path and would be logged as server faults.
    (_req, res) => void res.status(404).json({ code: 'NOT_FOUND', message: 'no such asset' }),
  );
  // The service worker and the manifest keep their names across builds: a browser must ask again
  // every time (a new service worker is how a new protocol version reaches an installed app).
  app.use(['/sw.js', '/manifest.webmanifest'], (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-cache');
    next();
  });
  app.use(express.static(webDist, { index: false, maxAge: '1h' }));
  const firstPage = firstPages(webDist, readFileSync(index, 'utf8'), log);
  app.get(/.*/, (req, res, next) => {
    if (NOT_SPA.test(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    const page = firstPage(req);
    if (page?.vary) res.vary(page.vary);
    if (page) res.type('html').send(page.html);
    else res.sendFile(index);
  });
}

/** Preferred first: brotli is smaller; the files are made at build time (web precompress.ts). */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/**
 * Sends the build's compressed copy of an asset when the browser accepts it: the file's own
 * content type, `Content-Encoding`, and `Vary: Accept-Encoding` on every answer, so a cache
 * never hands a compressed copy to a browser that did not ask for it. express.static then
 * serves the copy (its ETag and length are the copy's own); the compression middleware leaves
 * an answer that already has an encoding alone.
 */
function precompressed(dir: string): RequestHandler {
  // The build does not change while the server runs: list its copies once.
  const files = existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }) : [];
  const copies = new Set(files.map((f) => path.join(dir, f)));
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.vary('Accept-Encoding');
    // Ours first, not the browser's order: Chrome lists "gzip, deflate, br" at equal weight.
    const encoding = ENCODINGS.find((e) => req.acceptsEncodings(e.name) === e.name);
    let file: string;
    try {
      file = path.join(dir, decodeURIComponent(req.path));
    } catch {
      return next(); // an undecodable path: express.static refuses it
    }
    if (!encoding || !file.startsWith(dir + path.sep) || !copies.has(file + encoding.suffix))
      return next();
    res.type(path.extname(file));
    res.setHeader('Content-Encoding', encoding.name);
    req.url = req.url.replace(/^([^?]*)/, `$1${encoding.suffix}`);
    next();
  };
}
