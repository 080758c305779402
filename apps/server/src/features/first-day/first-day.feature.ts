import { firstDayRoutes as routes } from '@yhteistyotila/protocol';
import { Router } from 'express';
import type { Feature } from '../feature.js';
import { mountRoute as on } from '../../http/mount-route.js';
import { requireUser } from '../../http/validate.js';
import { createRateLimit } from '../../lib/rate-limit.js';
import { submitAccessibilityFeedback } from './feedback.service.js';
import { dismissWelcome, getWelcome } from './welcome.service.js';
import './feedback.personal-data.js';

/** The welcome after the first sign-in, and the accessibility statement's feedback form. */
export const firstDayFeature: Feature = {
  name: 'first-day',
  routes: (app) => {
    // Open to anyone, so limited per address: a few messages an hour is plenty for a person.
    const feedbackIp = createRateLimit(
      { name: 'a11y-feedback-ip', points: 5, durationSeconds: 3600 },
      app.redis,
    );
    const router = Router();
    on(app, router, routes.welcome, async ({ req }) => getWelcome(requireUser(req).id));
    on(app, router, routes.dismissWelcome, async ({ req }) => {
      await dismissWelcome(requireUser(req).id);
    });
    on(app, router, routes.accessibilityFeedback, async ({ req, body }) => {
      await feedbackIp.consume(req.ip ?? 'unknown');
      await submitAccessibilityFeedback(app, body(), req.auth?.user ?? null);
      return { ok: true as const };
    });
    return router;
  },
};
