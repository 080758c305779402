import type { Feature } from '../feature.js';
import './library.personal-data.js';
import { reindexLibraryIfNeeded } from './library.reindex.js';
import { libraryHandlers } from './library.socket.js';

let stopping = false;
let reindexing: Promise<unknown> | null = null;

/** The good-practices library: entries, revisions, review, validations, discussion. */
export const libraryFeature: Feature = {
  name: 'library',
  socketHandlers: (app) => libraryHandlers(app),
  start(app) {
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
