import { createAnalyzer, type Analyzer } from './analyzer.js';
import { loadHunspell } from './hunspell.js';
import { loadVoikko } from './voikko.js';

let instance: Analyzer | undefined;

/**
 * The process-wide analyzer: Voikko for Finnish and Hunspell for Swedish and English where the
 * libraries and dictionaries load, Snowball where they do not.
 */
export function getAnalyzer(): Analyzer {
  instance ??= createAnalyzer(loadVoikko(), { sv: loadHunspell('sv'), en: loadHunspell('en') });
  return instance;
}
