import { Router } from 'express';
import { presentSessionUser } from '../../auth/sessions.js';
import type { Feature } from '../feature.js';
import { defineHandler } from '../../realtime/define-handler.js';

export const systemFeature: Feature = {
  name: 'system',
  socketHandlers: () => [
    defineHandler('session:whoami', async (_payload, { user }) => ({
      user: presentSessionUser(user),
      serverTime: new Date().toISOString(),
    })),
  ],
  routes: () => {
    const router = Router();
    /** The web app asks this at start: who is signed in (204 when nobody). */
    router.get('/session', (req, res) => {
      if (!req.auth) return void res.status(204).end();
      res.json({ user: presentSessionUser(req.auth.user), serverTime: new Date().toISOString() });
    });
    return router;
  },
};
