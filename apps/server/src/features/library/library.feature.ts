import type { Feature } from '../feature.js';
import './library.personal-data.js';
import './validations.personal-data.js';
import './credits.personal-data.js';
import { creditHandlers } from './credits.socket.js';
import { discussionHandlers } from './discussion.socket.js';
import { postDiscussionOnPublish } from './discussion.service.js';
import { flagHandlers } from './flags.socket.js';
import { fromChatHandlers } from './from-chat.socket.js';
import { reindexLibraryIfNeeded } from './library.reindex.js';
import { libraryHandlers } from './library.socket.js';
import { leaveOnDisconnect } from './presence.service.js';
import { presenceHandlers } from './presence.socket.js';
import { reviewHandlers } from './review.socket.js';
import { validationHandlers } from './validations.socket.js';

let stopping = false;
let reindexing: Promise<unknown> | null = null;

/** The good-practices library: entries, revisions, review, validations, discussion. */
export const libraryFeature: Feature = {
  name: 'library',
  socketHandlers: (app) => [
    ...libraryHandlers(app),
    ...reviewHandlers(app),
    ...validationHandlers(app),
    ...flagHandlers(app),
    ...discussionHandlers(app),
    ...fromChatHandlers(app),
    ...creditHandlers(app),
    ...presenceHandlers(app),
  ],
  onConnection: (socket, app) => leaveOnDisconnect(socket, app),
  start(app) {
    postDiscussionOnPublish(app);
    stopping = false;
    reindexing = reindexLibraryIfNeeded(app.log, () => stopping).catch((err: unknown) => {
      app.log.error({ err }, 'library: re-indexing failed; it resumes at the next start');
    });
  },
  async stop() {
    stopping = true;
    await reindexing;
  },
};
