import type { Feature } from '../feature.js';
import './library.personal-data.js';
import { libraryHandlers } from './library.socket.js';

/** The good-practices library: entries, revisions, review, validations, discussion. */
export const libraryFeature: Feature = {
  name: 'library',
  socketHandlers: (app) => libraryHandlers(app),
};
