import type { AppContext } from '../../context.js';
import { createRateLimit } from '../../lib/rate-limit.js';
import { defineHandler, type SocketHandler } from '../../realtime/define-handler.js';
import { myModeration, personLadder } from './ladder.service.js';
import { liftMute, muteInChannel } from './mutes.service.js';
import { sendNotice } from './notices.service.js';

export function moderationHandlers(app: AppContext): SocketHandler[] {
  const steps = createRateLimit(
    { name: 'moderation-steps', points: 60, durationSeconds: 60 },
    app.redis,
  );
  return [
    defineHandler(
      'moderation:notify',
      async (p, { user, facts }) => ({ notice: await sendNotice(facts, user, p) }),
      { rateLimit: steps },
    ),
    defineHandler(
      'moderation:mute',
      async (p, { user, facts }) => ({ mute: await muteInChannel(facts, user, p) }),
      { rateLimit: steps },
    ),
    defineHandler(
      'moderation:liftMute',
      async (p, { user, facts }) => ({ mute: await liftMute(facts, user, p) }),
      { rateLimit: steps },
    ),
    defineHandler('moderation:person', async (p, { user }) => personLadder(user, p.userId)),
    defineHandler('moderation:mine', async (_p, { user }) => myModeration(user)),
  ];
}
