import { holdsExpertCapability, rooms } from '@yhteistyotila/protocol';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { hasLiveAccess, liveAccessListeners } from '../../auth/live-access.js';
import { defineHandler } from '../../realtime/define-handler.js';
import { publishNow } from '../../realtime/facts.js';
import type { Feature } from '../feature.js';
import { PresenceService } from './presence.service.js';

let service: PresenceService | undefined;
const instances = new WeakMap<AppContext, PresenceService>();
const serviceFor = (app: AppContext): PresenceService => {
  let s = instances.get(app);
  if (!s) {
    // The batch timer's broadcast has no write to wait for: published at once.
    s = new PresenceService(app, (batch) =>
      publishNow(app, rooms.everyone(), 'presence:changed', batch),
    );
    instances.set(app, s);
  }
  return s;
};

/** Presence follows live access (consent): auth/live-access.ts calls these on any process. */
liveAccessListeners.push({
  name: 'presence',
  suspend: (app, userId) => serviceFor(app).suspend(userId),
  restore: (app, user) => serviceFor(app).restore(user.id, holdsExpertCapability(user)),
});

export const presenceFeature: Feature = {
  name: 'presence',
  socketHandlers: (app) => [
    defineHandler('presence:set', async (p, { user, socket }) => {
      // The consent check reads the socket's cached person; its rooms are what suspension changed.
      if (!hasLiveAccess(socket))
        throw new AppError('CONSENT_REQUIRED', 'accept the current privacy statement first');
      return {
        presence: await serviceFor(app).set(
          user.id,
          holdsExpertCapability(user),
          socket.id,
          p.status,
        ),
      };
    }),
    defineHandler('presence:query', async (p) => ({
      presences: await serviceFor(app).query(p.userIds),
    })),
    defineHandler('presence:experts', async () => ({
      experts: await serviceFor(app).onlineExperts(),
    })),
  ],
  onConnection: async (socket, app) => {
    const user = socket.data.user;
    if (!user) return;
    const presence = serviceFor(app);
    socket.on('disconnect', () => {
      presence
        .set(user.id, holdsExpertCapability(user), socket.id, null)
        .catch((err: unknown) => app.log.warn({ err }, 'presence update failed'));
    });
    await presence.connected(socket);
  },
  start: (app) => {
    service = serviceFor(app);
    service.start();
  },
  stop: async () => {
    await service?.stop();
    service = undefined;
  },
};
