import { z } from 'zod';
import { emptySchema } from './common.js';
import { defineClientEvent, defineRoute } from './define.js';
import { SESSION_PATH } from './paths.js';
import { sessionRevokedSchema, whoamiResultSchema } from './session.js';

export const systemClientEvents = {
  /** Who am I, as the server sees this socket. */
  'session:whoami': defineClientEvent(emptySchema, whoamiResultSchema),
};

export const systemServerEvents = {
  /** The session behind this socket ended; the client returns to the sign-in page. */
  'session:revoked': sessionRevokedSchema,
  /** The server is shutting down; reconnect after `retryInMs`. */
  'system:shutdown': z.object({ retryInMs: z.number().int().nonnegative() }),
};

/**
 * For load balancers, orchestrators and a metrics scraper, never the web app: served at the root
 * (these paths are absolute, not under API_PREFIX), so they are not in `httpRoutes`, which the web
 * client and the fuzzer's API list are made from. `/readyz` answers 503 while the database does
 * not; `/metrics` is Prometheus text, absent in production without METRICS_TOKEN.
 */
export const operationalRoutes = {
  healthz: defineRoute({
    method: 'GET',
    path: '/healthz',
    result: z.object({ ok: z.literal(true) }),
  }),
  readyz: defineRoute({
    method: 'GET',
    path: '/readyz',
    result: z.object({ ok: z.boolean(), database: z.enum(['ok', 'unreachable']) }),
  }),
  metrics: defineRoute({ method: 'GET', path: '/metrics' }),
};

export const systemRoutes = {
  /** The web app asks this at start: who is signed in (204 when nobody). */
  session: defineRoute({
    method: 'GET',
    path: SESSION_PATH,
    result: whoamiResultSchema.optional(),
  }),
};
