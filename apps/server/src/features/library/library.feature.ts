import type { Feature } from '../feature.js';
import './library.personal-data.js';
import { reindexLibraryIfNeeded } from './library.reindex.js';
import { libraryHandlers } from './library.socket.js';
import { loadStartingContent } from './starting-content/load.js';

let stopping = false;
let reindexing: Promise<unknown> | null = null;

/** The good-practices library: entries, revisions, review, validations, discussion. */
export const libraryFeature: Feature = {
  name: 'library',
  socketHandlers: (app) => libraryHandlers(app),
  async start(app) {
    // The starting entries, once per database (never again after an edit or a deletion).
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
