/*
 * Paths without schemas: the web's landing page asks who is signed in, and links to pages,
 * before it has loaded zod or the route table (docs/decisions.md, "The landing page without
 * zod"). The route table (routes.ts) uses the same constants.
 */

/** Where the JSON API is mounted; every route path in the route table is relative to it. */
export const API_PREFIX = '/api';

/** `httpRoutes.session`: who is signed in (204 when nobody). */
export const SESSION_PATH = '/session';

/** The web app's notification pages (Finnish paths as the app's others; the mail links to them). */
export const NOTIFICATION_PAGE_PATHS = {
  all: '/huomiot',
  settings: '/asetukset/ilmoitukset',
  /** Opened from a mail's "stop these mails" link; the token follows in the fragment. */
  unsubscribe: '/sahkoposti/peru',
} as const;
