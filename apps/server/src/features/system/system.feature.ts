import { httpRoutes } from '@yhteistyotila/protocol';
import { Router } from 'express';
import { presentSessionUser } from '../../auth/sessions.js';
import type { Feature } from '../feature.js';
import { mountRoute } from '../../http/mount-route.js';
import { defineHandler } from '../../realtime/define-handler.js';

export const systemFeature: Feature = {
  name: 'system',
  socketHandlers: () => [
    defineHandler('session:whoami', async (_payload, { user, app }) => ({
      user: presentSessionUser(app, user),
      serverTime: new Date().toISOString(),
    })),
  ],
  routes: (app) => {
    const router = Router();
    // Nobody signed in: no answer, so 204.
    mountRoute(app, router, httpRoutes.session, async ({ req }) =>
      req.auth
        ? { user: presentSessionUser(app, req.auth.user), serverTime: new Date().toISOString() }
        : undefined,
    );
    return router;
  },
};
