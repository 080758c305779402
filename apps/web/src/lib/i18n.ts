import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '@yhteistyotila/protocol';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * Every feature keeps its strings in features/<feature>/locales/<lang>.json (namespace = the
 * feature folder); shared strings live in app/locales (namespace "common"). Collected at build
 * time, so a new feature needs no registration.
 */
const featureFiles = import.meta.glob<Record<string, unknown>>('../features/*/locales/*.json', {
  eager: true,
  import: 'default',
});
const commonFiles = import.meta.glob<Record<string, unknown>>('../app/locales/*.json', {
  eager: true,
  import: 'default',
});

export type Resources = Record<Language, Record<string, Record<string, unknown>>>;

export function collectResources(): Resources {
  const resources = Object.fromEntries(LANGUAGES.map((l) => [l, {}])) as Resources;
  for (const [file, strings] of Object.entries(featureFiles)) {
    const match = /features\/([^/]+)\/locales\/(\w+)\.json$/.exec(file);
    if (match?.[1] && match[2]) resources[match[2] as Language][match[1]] = strings;
  }
  for (const [file, strings] of Object.entries(commonFiles)) {
    const lang = /(\w+)\.json$/.exec(file)?.[1];
    if (lang) resources[lang as Language].common = strings;
  }
  return resources;
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
  if (i18next.language !== language) await i18next.changeLanguage(language);
}

export function initI18n(language: Language = storedLanguage()) {
  const resources = collectResources();
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    defaultNS: 'common',
    ns: Object.keys(resources.fi),
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const syncDocument = (lng: string) => {
    document.documentElement.lang = lng;
  };
  syncDocument(language);
  i18next.on('languageChanged', syncDocument);
  return i18next;
}
