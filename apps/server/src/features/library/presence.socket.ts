import type { AppContext } from '../../context.js';
import { createRateLimit } from '../../lib/rate-limit.js';
import { defineHandler, type SocketHandler } from '../../realtime/define-handler.js';
import { unwatchEntry, watchEntry } from './presence.service.js';

/** Who has an entry open or is editing it: open, change mode, close. */
export function presenceHandlers(app: AppContext): SocketHandler[] {
  // Opening and closing entries while browsing: generous, but not a flood of room changes.
  const watching = createRateLimit(
    { name: 'library-watch', points: 240, durationSeconds: 60 },
    app.redis,
  );
  return [
    defineHandler(
      'library:watch',
      async (p, { user, facts, socket }) => watchEntry(app, facts, socket, user, p),
      { rateLimit: watching },
    ),
    defineHandler(
      'library:unwatch',
      async (p, { facts, socket }) => {
        await unwatchEntry(app, facts, socket, p.id);
        return {};
      },
      { rateLimit: watching },
    ),
  ];
}
