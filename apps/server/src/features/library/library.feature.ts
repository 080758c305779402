import type { Feature } from '../feature.js';
import './library.personal-data.js';
import { libraryHandlers } from './library.socket.js';
import { loadStartingContent } from './starting-content/load.js';

/** The good-practices library: entries, revisions, review, validations, discussion. */
export const libraryFeature: Feature = {
  name: 'library',
  socketHandlers: (app) => libraryHandlers(app),
  /** The starting entries, once per database (never again after an edit or a deletion). */
  async start(app) {
    const created = await loadStartingContent();
    if (created.length) app.log.info({ created }, 'library starting content loaded');
  },
};
