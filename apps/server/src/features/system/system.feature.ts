import { Router } from 'express';
import type { AuthUser } from '../../auth/auth.js';
import { mustReconsent } from '../../auth/privacy.js';
import type { Feature } from '../feature.js';
import { defineHandler } from '../../realtime/define-handler.js';
import type { SessionUser } from '@yhteistyotila/protocol';

export const presentSessionUser = (u: AuthUser): SessionUser => ({
  id: u.id,
  name: u.name,
  role: u.role,
  language: u.language,
  guestUntil: u.guestUntil?.toISOString() ?? null,
  mustReconsent: mustReconsent(u.consentVersion),
});

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
