import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { defineHandler, type SocketHandler } from '../../realtime/define-handler.js';
import { createRateLimit } from '../../lib/rate-limit.js';
import {
  approveJoinRequest,
  claimJoinRequest,
  listJoinRequests,
  rejectJoinRequest,
  releaseJoinRequest,
} from './join.service.js';
import { scheduleGuestEnd } from '../../auth/guest-access.js';
import { endGuest, setExpert, setGuestUntil, setRole, setStatus } from './roles.service.js';
import { presentSessionUser, toAuthUser } from '../../auth/sessions.js';
import { UserModel, type UserDoc } from '../../auth/user.model.js';

export function accessSocketHandlers(app: AppContext): SocketHandler[] {
  const decisions = createRateLimit(
    { name: 'staff-decisions', points: 120, durationSeconds: 60 },
    app.redis,
  );
  return [
    defineHandler('joinRequest:list', async (p, { user }) => ({
      requests: await listJoinRequests(user, p),
    })),
    defineHandler(
      'joinRequest:claim',
      async (p, { user, facts }) => ({ request: await claimJoinRequest(facts, user, p.id) }),
      { rateLimit: decisions },
    ),
    defineHandler(
      'joinRequest:release',
      async (p, { user, facts }) => ({ request: await releaseJoinRequest(facts, user, p.id) }),
      { rateLimit: decisions },
    ),
    defineHandler(
      'joinRequest:approve',
      async (p, { user, facts }) => ({ request: await approveJoinRequest(app, facts, user, p) }),
      { rateLimit: decisions },
    ),
    defineHandler(
      'joinRequest:reject',
      async (p, { user, facts }) => ({ request: await rejectJoinRequest(app, facts, user, p) }),
      { rateLimit: decisions },
    ),
    defineHandler(
      'user:setRole',
      async (p, { user, facts }) => ({ user: await setRole(app, facts, user, p) }),
      { rateLimit: decisions },
    ),
    defineHandler(
      'user:setStatus',
      async (p, { user, facts }) => ({ user: await setStatus(app, facts, user, p) }),
      { rateLimit: decisions },
    ),
    defineHandler(
      'user:setExpert',
      async (p, { user, facts }) => ({ user: await setExpert(app, facts, user, p) }),
      { rateLimit: decisions },
    ),
    defineHandler(
      'user:setGuestUntil',
      async (p, { user, facts }) => ({ user: await setGuestUntil(app, facts, user, p) }),
      { rateLimit: decisions },
    ),
    defineHandler(
      'user:endGuest',
      async (p, { user, facts }) => ({ user: await endGuest(app, facts, user, p) }),
      { rateLimit: decisions },
    ),
    /** Reloads this socket's cached user (after re-consent or a profile change elsewhere). */
    defineHandler('session:refresh', async (_p, { user, socket }) => {
      const doc = await UserModel.findById(user.id).lean<UserDoc>();
      if (!doc || doc.status !== 'active')
        throw new AppError('UNAUTHENTICATED', 'account not available');
      socket.data.user = toAuthUser(doc);
      scheduleGuestEnd(socket, app);
      return { user: presentSessionUser(app, socket.data.user) };
    }),
  ];
}
