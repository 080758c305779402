import type { AppContext } from '../../context.js';
import { createRateLimit } from '../../lib/rate-limit.js';
import { defineHandler, type SocketHandler } from '../../realtime/define-handler.js';
import { removeReview, reviewDue, stampReview } from './review.service.js';

/** The expert review stamp and the experts' "review due" list. */
export function reviewHandlers(app: AppContext): SocketHandler[] {
  const stamps = createRateLimit(
    { name: 'library-review', points: 60, durationSeconds: 60 },
    app.redis,
  );
  return [
    defineHandler(
      'library:review',
      async (p, { user, facts }) => ({ entry: await stampReview(facts, user, p) }),
      { rateLimit: stamps },
    ),
    defineHandler(
      'library:unreview',
      async (p, { user, facts }) => ({ entry: await removeReview(facts, user, p.id) }),
      { rateLimit: stamps },
    ),
    defineHandler('library:reviewDue', async (_p, { user }) => ({
      entries: await reviewDue(user),
    })),
  ];
}
