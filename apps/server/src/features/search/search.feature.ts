import type { Feature } from '../feature.js';
import { getAnalyzer } from './analyzer-instance.js';
import { reindexIfNeeded } from './reindex.js';
import { searchHandlers } from './search.socket.js';

let stopping = false;
let reindexing: Promise<unknown> | null = null;

export const searchFeature: Feature = {
  name: 'search',
  socketHandlers: searchHandlers,
  start(app) {
    // Loads libvoikko, libhunspell and their dictionaries now (under a second) rather than on the
    // first message.
    const analyzer = getAnalyzer();
    if (analyzer.kind === 'voikko')
      app.log.info({ analyzer: 'voikko' }, 'search: Finnish base forms from Voikko');
    else
      app.log.warn(
        { analyzer: 'snowball' },
        'search: libvoikko not found, Finnish falls back to Snowball stems (install libvoikko1 and voikko-fi)',
      );
    if (analyzer.hunspell)
      app.log.info(
        { swedishEnglish: 'hunspell' },
        'search: Swedish and English stems from Hunspell',
      );
    else
      app.log.warn(
        { swedishEnglish: 'snowball' },
        'search: libhunspell not found, Swedish and English fall back to Snowball stems and no typo corrections (install libhunspell-1.7-0, hunspell-sv and hunspell-en-us)',
      );
    // In the background: search works meanwhile, finding re-indexed messages as it goes.
    stopping = false;
    reindexing = reindexIfNeeded(app.log, () => stopping).catch((err: unknown) => {
      app.log.error({ err }, 'search: re-indexing failed; it resumes at the next start');
    });
  },
  async stop() {
    stopping = true;
    await reindexing;
  },
};
