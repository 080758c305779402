import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { AppContext } from '../context.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * GET /metrics. With METRICS_TOKEN set, only a scraper sending `Authorization: Bearer <token>`
 * reads it; the figures (connections, event rates, heap) tell an outsider how busy and how
 * large the service is. Production without a token: no /metrics at all (docs/decisions.md), so
 * a forgotten variable leaves it closed, never open. Development without one: open, as before.
 * Returns undefined when the route is not to be mounted.
 */
export function metricsRoute(app: AppContext): RequestHandler | undefined {
  const { metricsToken, isProduction } = app.config;
  if (!metricsToken && isProduction) {
    app.log.info('metrics disabled: set METRICS_TOKEN to serve /metrics');
    return undefined;
  }
  // Equal-length digests, so the comparison takes the same time whatever was sent.
  const expected = metricsToken ? digest(metricsToken) : undefined;
  return async (req, res) => {
    if (expected) {
      const sent = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '')?.[1]?.trim() ?? '';
      if (!timingSafeEqual(digest(sent), expected)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        res.status(401).json({ code: 'UNAUTHENTICATED', message: 'metrics token required' });
        return;
      }
    }
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Type', app.metrics.registry.contentType);
    res.send(await app.metrics.registry.metrics());
  };
}
