import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '@yhteistyotila/protocol';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { LocaleBundle } from './locale-bundle.js';

export type Resources = Record<Language, LocaleBundle>;

/**
 * Each language is two chunks, fetched when first needed (locale-bundle.ts): `first`, what the
 * landing page shows (locales/<lang>.ts), and `more`, every other feature's strings
 * (locales/<lang>-more.ts), which a visitor's landing page does not download.
 */
type Part = 'first' | 'more';
const loaders: Record<Language, Record<Part, () => Promise<{ default: LocaleBundle }>>> = {
  fi: { first: () => import('./locales/fi.js'), more: () => import('./locales/fi-more.js') },
  sv: { first: () => import('./locales/sv.js'), more: () => import('./locales/sv-more.js') },
  en: { first: () => import('./locales/en.js'), more: () => import('./locales/en-more.js') },
};

/** A language's strings, both parts (the translation tests compare languages with these). */
export async function loadBundle(language: Language): Promise<LocaleBundle> {
  const [first, more] = await Promise.all([loaders[language].first(), loaders[language].more()]);
  return { ...first.default, ...more.default };
}

/** Set once a page beyond the landing page, or a signed-in person, needs every feature's strings. */
let moreWanted = false;
const added = new Set<string>();

async function add(language: Language, part: Part): Promise<void> {
  if (added.has(`${language}:${part}`)) return;
  const bundle = (await loaders[language][part]()).default;
  for (const [ns, strings] of Object.entries(bundle)) {
    i18next.addResourceBundle(language, ns, strings, true, true);
  }
  added.add(`${language}:${part}`);
}

/** Makes sure i18next holds `language` (and Finnish, the fallback for anything missing). */
async function ensureLoaded(language: Language): Promise<void> {
  const wanted = [...new Set<Language>([language, DEFAULT_LANGUAGE])];
  const parts: Part[] = moreWanted ? ['first', 'more'] : ['first'];
  await Promise.all(wanted.flatMap((lng) => parts.map((part) => add(lng, part))));
}

/**
 * Every feature's strings, in the current language and Finnish, and in any language chosen from
 * now on. Awaited beside each page's code (app/App.tsx) and a signed-in person's session
 * (lib/session.ts), so no screen renders before its strings; the landing page never asks.
 */
export async function loadAllStrings(): Promise<void> {
  moreWanted = true;
  await initialized;
  await ensureLoaded(asLanguage(i18next.language));
}

/*
 * The router asks for the first page's strings as soon as it exists, which is before initI18n
 * has run (i18next has no store to add them to until then): it waits for this.
 */
let markInitialized = () => {};
const initialized = new Promise<void>((resolve) => (markInitialized = resolve));

const STORAGE_KEY = 'yt.language';

const isLanguage = (l: string | null | undefined): l is Language =>
  (LANGUAGES as readonly string[]).includes(l ?? '');

/** A language tag (a served page's `lang`) if it is one of ours, else null. */
export const ourLanguage = (l: string): Language | null => (isLanguage(l) ? l : null);

/** i18next's current language (a string) as one of ours. */
export const asLanguage = (l: string): Language => (isLanguage(l) ? l : DEFAULT_LANGUAGE);

/**
 * The browser's first preferred language we have ("sv-FI" and "sv" are Swedish, "en-GB"
 * English), else Finnish. Only the primary subtag counts: Finland's Swedish is Swedish.
 */
export function browserLanguage(preferred: readonly string[] = browserPreferences()): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}

const browserPreferences = (): readonly string[] =>
  typeof navigator === 'undefined'
    ? []
    : navigator.languages?.length
      ? navigator.languages
      : [navigator.language];

/** The language chosen on this device before, else the browser's. */
export function storedLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return isLanguage(stored) ? stored : browserLanguage();
}

/** Shows the app in `language` and remembers it on this device (the profile keeps it too). */
export async function changeLanguage(language: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, language);
  await ensureLoaded(language);
  if (i18next.language !== language) await i18next.changeLanguage(language);
}

/**
 * Starts i18next in `language` once its strings (and Finnish, the fallback) have arrived: the
 * app renders after this, so no screen shows keys instead of words.
 */
export async function initI18n(language: Language = storedLanguage()) {
  try {
    await i18next.use(initReactI18next).init({
      resources: {},
      lng: language,
      fallbackLng: DEFAULT_LANGUAGE,
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      returnNull: false,
      // Bundles are added as they arrive (ensureLoaded); nothing for i18next to fetch itself.
      partialBundledLanguages: true,
    });
  } finally {
    markInitialized();
  }
  await ensureLoaded(language);
  const syncDocument = (lng: string) => {
    document.documentElement.lang = lng;
  };
  syncDocument(language);
  i18next.on('languageChanged', syncDocument);
  return i18next;
}
