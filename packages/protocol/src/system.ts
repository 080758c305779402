import { z } from 'zod';
import { emptySchema } from './common.js';
import { defineClientEvent, defineRoute } from './define.js';
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

export const systemRoutes = {
  /** The web app asks this at start: who is signed in (204 when nobody). */
  session: defineRoute({
    method: 'GET',
    path: '/session',
    result: whoamiResultSchema.optional(),
  }),
};
