import type { AppContext } from '../../context.js';
import { createRateLimit } from '../../lib/rate-limit.js';
import { defineHandler, type SocketHandler } from '../../realtime/define-handler.js';
import { setFollowing } from './follows.service.js';

/** Follow or stop following an entry. */
export function followHandlers(app: AppContext): SocketHandler[] {
  const changes = createRateLimit(
    { name: 'library-follow', points: 60, durationSeconds: 60 },
    app.redis,
  );
  return [
    defineHandler(
      'library:follow',
      async (p, { user }) => ({ entry: await setFollowing(user, p) }),
      {
        rateLimit: changes,
      },
    ),
  ];
}
