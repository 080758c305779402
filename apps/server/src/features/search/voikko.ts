import koffi from 'koffi';
import { openFirstLibrary } from './native-library.js';

/** One morphological reading of a Finnish word, as Voikko reports it. */
export interface VoikkoReading {
  /** Dictionary form of the whole word ("vanhempainyhdistys" for "vanhempainyhdistykselle"). */
  baseform: string;
  /** Morpheme breakdown, e.g. "+vanhempain(vanhempi)+yhdist(yhdistää)+ys(+ys)"; may be empty. */
  wordbases: string;
}

export interface Voikko {
  analyze(word: string): VoikkoReading[];
  /** Spelling suggestions for a misspelt word, best first (none for a correct one). */
  suggest(word: string): string[];
  version: string;
}

/** Names the shared library goes by on Linux (Debian's libvoikko1), macOS and Windows. */
const LIBRARY_NAMES = ['libvoikko.so.1', 'libvoikko.so', 'libvoikko.1.dylib', 'libvoikko-1.dll'];

/** Voikko reads words up to 255 characters; longer tokens are not words anyway. */
const MAX_WORD_LENGTH = 100;

let loaded: Voikko | null | undefined;

/**
 * Loads libvoikko with its Finnish dictionary (Debian `voikko-fi`) once per process.
 * Returns null when the library or the dictionary is missing; the caller falls back to Snowball.
 */
export function loadVoikko(): Voikko | null {
  if (loaded !== undefined) return loaded;
  loaded = tryLoad();
  return loaded;
}

function tryLoad(): Voikko | null {
  const lib = openFirstLibrary(LIBRARY_NAMES);
  if (!lib) return null;
  try {
    const Handle = koffi.opaque('VoikkoHandle');
    const voikkoInit = lib.func('voikkoInit', koffi.pointer(Handle), [
      koffi.out(koffi.pointer('const char *')),
      'const char *',
      'const char *',
    ]);
    const voikkoGetVersion = lib.func('const char *voikkoGetVersion()');
    // Results are arrays of opaque pointers that Voikko allocates; read them as raw pointers
    // and free them with Voikko's own functions.
    const analyzeWord = lib.func('voikkoAnalyzeWordCstr', 'void *', [
      koffi.pointer(Handle),
      'const char *',
    ]);
    const freeAnalysis = lib.func('void voikko_free_mor_analysis(void *analysis)');
    const analysisValue = lib.func(
      'void *voikko_mor_analysis_value_cstr(void *analysis, const char *key)',
    );
    const freeValue = lib.func('void voikko_free_mor_analysis_value_cstr(void *value)');
    const suggestWord = lib.func('voikkoSuggestCstr', 'void *', [
      koffi.pointer(Handle),
      'const char *',
    ]);
    const freeStrings = lib.func('void voikkoFreeCstrArray(void *array)');

    const error: [string | null] = [null];
    const handle: unknown = voikkoInit(error, 'fi', null);
    if (!handle) return null;

    const readValue = (analysis: unknown, key: string): string => {
      const ptr: unknown = analysisValue(analysis, key);
      if (!ptr) return '';
      try {
        return koffi.decode(ptr, 'char', -1) as string;
      } finally {
        freeValue(ptr);
      }
    };

    return {
      version: String(voikkoGetVersion()),
      analyze(word) {
        if (word.length === 0 || word.length > MAX_WORD_LENGTH) return [];
        const list: unknown = analyzeWord(handle, word);
        if (!list) return [];
        const readings: VoikkoReading[] = [];
        try {
          for (let i = 0; ; i++) {
            const analysis: unknown = koffi.decode(list, i * koffi.sizeof('void *'), 'void *');
            if (!analysis) break;
            const baseform = readValue(analysis, 'BASEFORM');
            if (baseform) readings.push({ baseform, wordbases: readValue(analysis, 'WORDBASES') });
          }
        } finally {
          freeAnalysis(list);
        }
        return readings;
      },
      suggest(word) {
        if (word.length === 0 || word.length > MAX_WORD_LENGTH) return [];
        const array: unknown = suggestWord(handle, word);
        if (!array) return [];
        const suggestions: string[] = [];
        try {
          // A NULL-terminated array of strings.
          for (let i = 0; ; i++) {
            const ptr: unknown = koffi.decode(array, i * koffi.sizeof('void *'), 'void *');
            if (!ptr) break;
            suggestions.push(koffi.decode(ptr, 'char', -1) as string);
          }
        } finally {
          freeStrings(array);
        }
        return suggestions;
      },
    };
  } catch {
    // A library of an unexpected version (missing symbol): behave as if it were absent.
    return null;
  }
}
