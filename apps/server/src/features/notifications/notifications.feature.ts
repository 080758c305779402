import { notificationRoutes as routes } from '@yhteistyotila/protocol';
import { Router } from 'express';
import { mountRoute as on } from '../../http/mount-route.js';
import { createRateLimit } from '../../lib/rate-limit.js';
import { defineHandler } from '../../realtime/define-handler.js';
import { observeFacts } from '../../realtime/facts.js';
import type { Feature } from '../feature.js';
import './notifications.personal-data.js';
import {
  getPrefs,
  listNotifications,
  markNotificationsRead,
  setPrefs,
} from './notifications.service.js';
import { notificationsObserver } from './notifications.source.js';
import { startMailDelivery } from './mail-delivery.js';
import { startPushDelivery } from './push-delivery.js';
import { unsubscribeByLink, unsubscribeInfo } from './unsubscribe.service.js';

// The event source: every write's facts pass by here (realtime/facts.ts).
observeFacts(notificationsObserver);

const running: { stop(): void }[] = [];

export const notificationsFeature: Feature = {
  name: 'notifications',
  start(app) {
    // Tests run the jobs' functions with their own clock (push- and mail-delivery.test.ts).
    if (app.config.env !== 'test') running.push(startPushDelivery(app), startMailDelivery(app));
  },
  stop() {
    for (const job of running.splice(0)) job.stop();
  },
  routes: (app) => {
    // A mail program POSTs once per click; guessing tokens gets nowhere (HMAC), and this keeps
    // anyone from trying at speed.
    const links = createRateLimit(
      { name: 'unsubscribe-link', points: 30, durationSeconds: 600 },
      app.redis,
    );
    const router = Router();
    on(app, router, routes.unsubscribeInfo, async ({ req }) => {
      await links.consume(req.ip ?? 'unknown');
      return unsubscribeInfo(String(req.params.token));
    });
    on(app, router, routes.unsubscribe, async ({ req, facts }) => {
      await links.consume(req.ip ?? 'unknown');
      return unsubscribeByLink(facts, String(req.params.token));
    });
    return router;
  },
  socketHandlers: () => [
    defineHandler('notification:list', async (p, { user }) => listNotifications(user, p)),
    defineHandler('notification:read', async (p, { user, facts }) =>
      markNotificationsRead(facts, user, p),
    ),
    defineHandler('notification:prefs', async (_p, { user }) => ({
      prefs: await getPrefs(user),
    })),
    defineHandler('notification:setPrefs', async (p, { user, facts }) => ({
      prefs: await setPrefs(facts, user, p.prefs),
    })),
  ],
};
