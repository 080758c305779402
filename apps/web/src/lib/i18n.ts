import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '@yhteistyotila/protocol';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { LocaleBundle } from './locale-bundle.js';

export type Resources = Record<Language, LocaleBundle>;

/** Each language is its own chunk, fetched when first needed (locale-bundle.ts). */
const loaders: Record<Language, () => Promise<{ default: LocaleBundle }>> = {
  fi: () => import('./locales/fi.js'),
  sv: () => import('./locales/sv.js'),
  en: () => import('./locales/en.js'),
};

/** A language's strings, fetched once. */
export const loadBundle = (language: Language) => loaders[language]().then((m) => m.default);

/** Makes sure i18next holds `language` (and Finnish, the fallback for anything missing). */
async function ensureLoaded(language: Language): Promise<void> {
  const wanted = [...new Set<Language>([language, DEFAULT_LANGUAGE])];
  await Promise.all(
    wanted.map(async (lng) => {
      if (i18next.hasResourceBundle(lng, 'common')) return;
      const bundle = await loadBundle(lng);
      for (const [ns, strings] of Object.entries(bundle)) {
        i18next.addResourceBundle(lng, ns, strings, true, true);
      }
    }),
  );
}

const STORAGE_KEY = 'yt.language';

const isLanguage = (l: string | null | undefined): l is Language =>
  (LANGUAGES as readonly string[]).includes(l ?? '');

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
  await ensureLoaded(language);
  const syncDocument = (lng: string) => {
    document.documentElement.lang = lng;
  };
  syncDocument(language);
  i18next.on('languageChanged', syncDocument);
  return i18next;
}
