import type { AppContext } from '../../context.js';
import { createRateLimit } from '../../lib/rate-limit.js';
import { defineHandler, type SocketHandler } from '../../realtime/define-handler.js';
import { clearFlag, flagEntry } from './flags.service.js';

/** The "needs updating" flag: raise it with a reason, clear it. */
export function flagHandlers(app: AppContext): SocketHandler[] {
  const flags = createRateLimit(
    { name: 'library-flag', points: 30, durationSeconds: 60 },
    app.redis,
  );
  return [
    defineHandler(
      'library:flag',
      async (p, { user, facts }) => ({ entry: await flagEntry(facts, user, p) }),
      { rateLimit: flags },
    ),
    defineHandler(
      'library:clearFlag',
      async (p, { user, facts }) => ({ entry: await clearFlag(facts, user, p.id) }),
      { rateLimit: flags },
    ),
  ];
}
