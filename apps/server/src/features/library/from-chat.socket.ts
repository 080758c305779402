import type { AppContext } from '../../context.js';
import { createRateLimit } from '../../lib/rate-limit.js';
import { defineHandler, type SocketHandler } from '../../realtime/define-handler.js';
import { saveFromChat } from './from-chat.service.js';

/** "Save to library" from a message or thread of a public channel. */
export function fromChatHandlers(app: AppContext): SocketHandler[] {
  const saves = createRateLimit(
    { name: 'library-from-chat', points: 20, durationSeconds: 60 },
    app.redis,
  );
  return [
    defineHandler(
      'library:fromChat',
      async (p, { user, facts }) => ({ entry: await saveFromChat(facts, user, p) }),
      { rateLimit: saves },
    ),
  ];
}
