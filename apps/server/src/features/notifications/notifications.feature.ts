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
import { startPushDelivery } from './push-delivery.js';

// The event source: every write's facts pass by here (realtime/facts.ts).
observeFacts(notificationsObserver);

const running: { stop(): void }[] = [];

export const notificationsFeature: Feature = {
  name: 'notifications',
  start(app) {
    // Tests run the job's function with their own clock (push-delivery.test.ts).
    if (app.config.env !== 'test') running.push(startPushDelivery(app));
  },
  stop() {
    for (const job of running.splice(0)) job.stop();
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
