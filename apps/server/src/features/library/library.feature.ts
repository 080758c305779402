import { publishing } from '../../realtime/facts.js';
import type { Feature } from '../feature.js';
import './library.personal-data.js';
import './validations.personal-data.js';
import './credits.personal-data.js';
import './follows.personal-data.js';
import { creditHandlers } from './credits.socket.js';
import { discussionHandlers } from './discussion.socket.js';
import { postDiscussionOnPublish } from './discussion.service.js';
import { flagHandlers } from './flags.socket.js';
import { followHandlers } from './follows.socket.js';
import { fromChatHandlers } from './from-chat.socket.js';
import { reindexLibraryIfNeeded } from './library.reindex.js';
import { libraryHandlers } from './library.socket.js';
import { tellPresence, whenEntriesLeft } from './presence.service.js';
import { presenceHandlers } from './presence.socket.js';
import { reviewHandlers } from './review.socket.js';
import { validationHandlers } from './validations.socket.js';
import { loadStartingContent } from './starting-content/load.js';

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
    ...followHandlers(app),
    ...presenceHandlers(app),
  ],
  // A disconnect is not a write: the new list is published as soon as it is read.
  onConnection: (socket, app) =>
    whenEntriesLeft(socket, (entryId) => {
      publishing(app, (facts) => tellPresence(app, facts, entryId)).catch((err: unknown) =>
        app.log.warn({ err, entryId }, 'library presence not told'),
      );
    }),
  /**
   * Discussion threads follow publishing; the starting entries load once per database (never
   * again after an edit or a deletion); an index of an older form is rebuilt in the background.
   */
  async start(app) {
    postDiscussionOnPublish(app);
    const created = await loadStartingContent();
    if (created.length) app.log.info({ created }, 'library starting content loaded');
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
