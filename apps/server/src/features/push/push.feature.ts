import { pushDeviceIdSchema, pushRoutes as routes } from '@yhteistyotila/protocol';
import { Router } from 'express';
import type { Feature } from '../feature.js';
import { mountRoute as on } from '../../http/mount-route.js';
import { requireUser } from '../../http/validate.js';
import { notFound } from '../../errors.js';
import { createRateLimit } from '../../lib/rate-limit.js';
import { requireAction } from '../access/index.js';
import { pushState, removeDevice, saveSettings, sendTestPush, subscribe } from './push.service.js';
import './push.personal-data.js';
import { pushDeviceSessionsMigration } from './push.migration.js';
import './push.sessions.js';

/** Web Push: a person's devices and settings (the channel; what notifies is notifications'). */
export const pushFeature: Feature = {
  name: 'push',
  migrations: [pushDeviceSessionsMigration],
  routes: (app) => {
    // Turning push on and off is a few clicks a day; a script doing it in a loop is not a person.
    const writes = createRateLimit(
      { name: 'push-writes', points: 30, durationSeconds: 600 },
      app.redis,
    );
    // Every test push makes the server call a push service: a handful per person will do.
    const tests = createRateLimit(
      { name: 'push-test', points: 5, durationSeconds: 600 },
      app.redis,
    );
    const router = Router();
    // A device id is 24 hex digits; anything else names no device (and never reaches the
    // database: a NUL in a string is refused by PostgreSQL under FerretDB, a 500; fuzz.test.ts).
    const deviceId = (raw: unknown) => {
      const parsed = pushDeviceIdSchema.safeParse(raw);
      if (!parsed.success) throw notFound();
      return parsed.data;
    };
    const allowed = async (req: Parameters<typeof requireUser>[0]) => {
      const user = requireUser(req);
      await requireAction(user, 'push.subscribe');
      return user;
    };
    on(app, router, routes.pushState, async ({ req }) => pushState(app, (await allowed(req)).id));
    on(app, router, routes.pushSubscribe, async ({ req, body }) => {
      const user = await allowed(req);
      await writes.consume(user.id);
      return subscribe(app, user.id, req.auth!.session.id, body(), req.get('user-agent') ?? '');
    });
    on(app, router, routes.pushRemove, async ({ req }) => {
      const user = await allowed(req);
      await writes.consume(user.id);
      await removeDevice(user.id, deviceId(req.params.id));
    });
    on(app, router, routes.pushTest, async ({ req }) => {
      const user = await allowed(req);
      await tests.consume(user.id);
      return sendTestPush(app, user.id, deviceId(req.params.id));
    });
    on(app, router, routes.pushSettings, async ({ req, body }) => {
      const user = await allowed(req);
      await writes.consume(user.id);
      return saveSettings(user.id, body());
    });
    return router;
  },
};
