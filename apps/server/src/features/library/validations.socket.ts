import type { AppContext } from '../../context.js';
import { createRateLimit } from '../../lib/rate-limit.js';
import { defineHandler, type SocketHandler } from '../../realtime/define-handler.js';
import { listValidations, unvalidate, validate } from './validations.service.js';

/** "We tried this too": say it, take it back, see who and where. */
export function validationHandlers(app: AppContext): SocketHandler[] {
  const changes = createRateLimit(
    { name: 'library-validate', points: 60, durationSeconds: 60 },
    app.redis,
  );
  return [
    defineHandler(
      'library:validate',
      async (p, { user, facts }) => ({ entry: await validate(facts, user, p) }),
      { rateLimit: changes },
    ),
    defineHandler(
      'library:unvalidate',
      async (p, { user, facts }) => ({ entry: await unvalidate(facts, user, p.id) }),
      { rateLimit: changes },
    ),
    defineHandler('library:validations', async (p, { user }) => listValidations(user, p.id)),
  ];
}
