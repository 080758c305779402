import { existsSync } from 'node:fs';
import koffi, { type LibraryHandle } from 'koffi';
import { openFirstLibrary } from './native-library.js';

/** One Hunspell dictionary (Swedish or English): the same native-library route as Voikko. */
export interface Hunspell {
  /** The dictionary accepts the word as spelled. */
  spell(word: string): boolean;
  /** Dictionary stems of the word ("klockan" -> "klocka", "föräldrarna" -> "förälder"). */
  stem(word: string): string[];
  /** Spelling suggestions for a word the dictionary does not accept, best first. */
  suggest(word: string): string[];
  /**
   * The dictionary lists the word itself (an entry and its inflections), not only as a compound
   * it builds by its rules: Swedish Hunspell accepts "zorbtaxin" as "zorb" + "taxin".
   */
  isEntry(word: string): boolean;
}

export type HunspellLanguage = 'sv' | 'en';

/** Debian's hunspell-sv (Finland's Swedish first) and hunspell-en-us; Homebrew's and others' folders. */
const DICTIONARIES: Record<HunspellLanguage, string[]> = {
  sv: ['sv_FI', 'sv_SE'],
  en: ['en_US', 'en_GB'],
};
const FOLDERS = ['/usr/share/hunspell', '/usr/share/myspell', '/usr/local/share/hunspell'];
const LIBRARY_NAMES = [
  'libhunspell-1.7.so.0',
  'libhunspell-1.7.so',
  'libhunspell.so',
  'libhunspell-1.7.0.dylib',
  'libhunspell-1.7-0.dll',
];
/** Hunspell reads words up to 100 bytes; longer tokens are not words anyway. */
const MAX_WORD_LENGTH = 60;

let library: LibraryHandle | null | undefined;
const loaded = new Map<HunspellLanguage, Hunspell | null>();

/**
 * Loads libhunspell with the language's dictionary once per process. Returns null when the
 * library or the dictionary is missing; the caller falls back to Snowball stems.
 */
export function loadHunspell(language: HunspellLanguage): Hunspell | null {
  if (!loaded.has(language)) loaded.set(language, tryLoad(language));
  return loaded.get(language) ?? null;
}

function tryLoad(language: HunspellLanguage): Hunspell | null {
  library ??= openFirstLibrary(LIBRARY_NAMES);
  const paths = dictionaryPaths(language);
  if (!library || !paths) return null;
  try {
    const Handle = koffi.opaque(`Hunhandle_${language}`);
    const create = library.func('Hunspell_create', koffi.pointer(Handle), [
      'const char *',
      'const char *',
    ]);
    const spell = library.func('Hunspell_spell', 'int', [koffi.pointer(Handle), 'const char *']);
    // The list functions hand back a char** that Hunspell allocates; free it with Hunspell's own.
    const listFn = (name: string) =>
      library!.func(name, 'int', [
        koffi.pointer(Handle),
        koffi.out(koffi.pointer('void *')),
        'const char *',
      ]);
    const stem = listFn('Hunspell_stem');
    const suggest = listFn('Hunspell_suggest');
    const analyze = listFn('Hunspell_analyze');
    const freeList = library.func('Hunspell_free_list', 'void', [
      koffi.pointer(Handle),
      koffi.pointer('void *'),
      'int',
    ]);
    const handle: unknown = create(paths.aff, paths.dic);
    if (!handle) return null;

    const list = (fn: typeof stem, word: string): string[] => {
      if (word.length === 0 || word.length > MAX_WORD_LENGTH) return [];
      const out: [unknown] = [null];
      const n = fn(handle, out, word) as number;
      if (n <= 0 || !out[0]) return [];
      try {
        return koffi.decode(out[0], 'char *', n) as string[];
      } finally {
        freeList(handle, out, n);
      }
    };
    return {
      spell: (word) =>
        word.length > 0 && word.length <= MAX_WORD_LENGTH && (spell(handle, word) as number) !== 0,
      stem: (word) => list(stem, word),
      suggest: (word) => list(suggest, word),
      // Compound analyses name their parts with "pa:" fields.
      isEntry: (word) => list(analyze, word).some((a) => !a.includes('pa:')),
    };
  } catch {
    // A library of an unexpected version (missing symbol): behave as if it were absent.
    return null;
  }
}

function dictionaryPaths(language: HunspellLanguage): { aff: string; dic: string } | null {
  for (const folder of FOLDERS) {
    for (const name of DICTIONARIES[language]) {
      const aff = `${folder}/${name}.aff`;
      const dic = `${folder}/${name}.dic`;
      if (existsSync(aff) && existsSync(dic)) return { aff, dic };
    }
  }
  return null;
}
