import type { AppContext } from '../../context.js';
import { defineHandler, type SocketHandler } from '../../realtime/define-handler.js';
import { discussionOf } from './discussion.service.js';

/** The entry's discussion thread in the library channel (started on first need). */
export function discussionHandlers(app: AppContext): SocketHandler[] {
  return [
    defineHandler('library:discussion', async (p, { user, facts }) => ({
      discussion: await discussionOf(app, facts, user, p.id),
    })),
  ];
}
