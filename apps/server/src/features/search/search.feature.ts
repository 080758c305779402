import type { Feature } from '../feature.js';
import { getAnalyzer } from './analyzer-instance.js';
import { searchHandlers } from './search.socket.js';

export const searchFeature: Feature = {
  name: 'search',
  socketHandlers: searchHandlers,
  start(app) {
    // Loads libvoikko and its dictionary now (about 0.4 s) rather than on the first message.
    const analyzer = getAnalyzer();
    if (analyzer.kind === 'voikko') app.log.info({ analyzer: 'voikko' }, 'search: Finnish base forms from Voikko');
    else app.log.warn({ analyzer: 'snowball' }, 'search: libvoikko not found, Finnish falls back to Snowball stems (install libvoikko1 and voikko-fi)');
  },
};
