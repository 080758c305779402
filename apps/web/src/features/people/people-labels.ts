import { MUNICIPALITIES, REGIONAL_UNITS, regionName } from '@yhteistyotila/protocol';
import { asLanguage } from '../../lib/i18n.js';

/** A municipality's name in the reader's language (Swedish readers see the Swedish name). */
export function municipalityName(code: string | null, language: string): string {
  const m = code ? MUNICIPALITIES.find((x) => x.code === code) : undefined;
  if (!m) return '';
  return language === 'sv' ? m.name_sv : m.name_fi;
}

/** Wellbeing services counties for the filter, by name in the reader's language. */
export function countyOptions(language: string): { id: string; name: string }[] {
  const lang = asLanguage(language);
  const collator = new Intl.Collator(lang);
  return REGIONAL_UNITS.map((c) => ({ id: c.id, name: regionName(c, lang, true) })).sort((a, b) =>
    collator.compare(a.name, b.name),
  );
}

/** Municipalities for the filter (those of the chosen county only), by name. */
export function municipalityOptions(
  language: string,
  county: string,
): { code: string; name: string }[] {
  const collator = new Intl.Collator(language === 'sv' ? 'sv' : 'fi');
  return MUNICIPALITIES.filter((m) => !county || m.county === county)
    .map((m) => ({ code: m.code, name: language === 'sv' ? m.name_sv : m.name_fi }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

/** A date input's day as the end of that day in the reader's time zone, as ISO. */
export const endOfDay = (day: string): string => new Date(`${day}T23:59:59`).toISOString();

/** An ISO time as a date input's day (local). */
export const dayOf = (iso: string | null): string => {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
