import { createAnalyzer, type Analyzer } from './analyzer.js';
import { loadVoikko } from './voikko.js';

let instance: Analyzer | undefined;

/** The process-wide analyzer: Voikko when libvoikko and its Finnish dictionary load, else Snowball. */
export function getAnalyzer(): Analyzer {
  instance ??= createAnalyzer(loadVoikko());
  return instance;
}
