import { accessRoutes } from './access.js';
import { auditRoutes } from './audit.js';
import type { RouteSpec } from './define.js';
import { privacyRoutes } from './privacy.js';
import { operationalRoutes, systemRoutes } from './system.js';
import { firstDayRoutes } from './first-day.js';
import { pushRoutes } from './push.js';
import { notificationRoutes } from './notifications.js';

export { defineRoute, type HttpMethod, type RouteSpec } from './define.js';
export { operationalRoutes } from './system.js';

/**
 * The route table: every HTTP route of the API, declared once (see RouteSpec). The server mounts
 * exactly these (a test compares them with what Express serves), the web calls them, and the
 * fuzzer sends hostile requests to each.
 */
export const httpRoutes = {
  ...systemRoutes,
  ...accessRoutes,
  ...privacyRoutes,
  ...firstDayRoutes,
  ...auditRoutes,
  ...pushRoutes,
  ...notificationRoutes,
};

export const allHttpRoutes = (): RouteSpec[] => Object.values(httpRoutes);

/** The routes outside the API (their paths are absolute): see `operationalRoutes`. */
export const allOperationalRoutes = (): RouteSpec[] => Object.values(operationalRoutes);

/** A route's path with its `:name` parameters filled in (URI-encoded), without API_PREFIX. */
export function routePath(spec: RouteSpec, params: Record<string, string> = {}): string {
  return spec.path.replace(/:(\w+)/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing route parameter ${name} for ${spec.path}`);
    return encodeURIComponent(value);
  });
}
