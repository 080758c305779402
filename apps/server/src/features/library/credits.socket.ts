import type { AppContext } from '../../context.js';
import { createRateLimit } from '../../lib/rate-limit.js';
import { defineHandler, type SocketHandler } from '../../realtime/define-handler.js';
import { answerCredit, myCreditRequests } from './credits.service.js';

/** Credit requests to the people quoted from chat: the list, and one-click answers. */
export function creditHandlers(app: AppContext): SocketHandler[] {
  const answers = createRateLimit(
    { name: 'library-credit-answer', points: 60, durationSeconds: 60 },
    app.redis,
  );
  return [
    defineHandler('library:creditRequests', async (_p, { user }) => ({
      requests: await myCreditRequests(user),
    })),
    defineHandler(
      'library:creditAnswer',
      async (p, { user, facts }) => {
        await answerCredit(facts, user, p);
        return {};
      },
      { rateLimit: answers },
    ),
  ];
}
