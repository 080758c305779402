import type { Analyzer, AnalyzerKind } from './analyzer.js';

/* Which dictionaries and rules built stored terms: apart from reindex.ts, which imports the
 * messages, so that the search feature's public index can say it without an import cycle. */

/**
 * Bump when the terms an analyzer produces change (new rules, new term kinds): messages stored
 * under another version are analysed again in the background at start.
 * 2: Hunspell stems for Swedish and English, terms without diacritics.
 */
export const TERMS_RULES_VERSION = 2;
/** "voikko+hunspell-2": the dictionaries that built the terms, and the rules. */
export const termsVersion = (kind: AnalyzerKind, hunspell = false) =>
  `${kind}${hunspell ? '+hunspell' : ''}-${TERMS_RULES_VERSION}`;
export const versionOf = (analyzer: Analyzer) => termsVersion(analyzer.kind, analyzer.hunspell);

/** Dictionaries a stored version was built with that this analyzer lacks. */
export function missingDictionaries(stored: string, analyzer: Analyzer): string[] {
  const built = stored.replace(/-\d+$/, '').split('+');
  const have = [analyzer.kind, ...(analyzer.hunspell ? ['hunspell'] : [])];
  return built.filter((d) => d !== 'snowball' && !have.includes(d));
}
