import type { AppContext } from '../../context.js';
import { createRateLimit } from '../../lib/rate-limit.js';
import { defineHandler, type SocketHandler } from '../../realtime/define-handler.js';
import { searchMessages } from './search.service.js';

export function searchHandlers(app: AppContext): SocketHandler[] {
  // Searches are cheap for people and expensive for scripts: a burst of typing is fine.
  const rateLimit = createRateLimit({ name: 'search', points: 30, durationSeconds: 10 }, app.redis);
  return [
    defineHandler('search:query', (payload, { user }) => searchMessages(user, payload), {
      rateLimit,
    }),
  ];
}
