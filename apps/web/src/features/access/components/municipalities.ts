import { MUNICIPALITIES, findMunicipality, type Municipality } from '@yhteistyotila/protocol';

/** Swedish-speaking users look for "Helsingfors", everyone else for "Helsinki". */
export function municipalityName(m: Municipality, language: string): string {
  return language === 'sv' ? m.name_sv : m.name_fi;
}

/** The other official name, shown beside the main one when it differs. */
export function otherName(m: Municipality, language: string): string | undefined {
  const other = language === 'sv' ? m.name_fi : m.name_sv;
  return other !== municipalityName(m, language) ? other : undefined;
}

export function municipalityLabel(code: string | null | undefined, language: string): string {
  const m = code ? findMunicipality(code) : undefined;
  return m ? municipalityName(m, language) : '';
}

const fold = (s: string) => s.toLocaleLowerCase('fi').normalize('NFC').trim();

/**
 * Municipalities whose Finnish or Swedish name contains the query; names that start with it
 * come first, each group in alphabetical order of the shown name.
 */
export function searchMunicipalities(query: string, language: string): Municipality[] {
  const q = fold(query);
  const collator = new Intl.Collator(language === 'sv' ? 'sv' : 'fi');
  const sorted = [...MUNICIPALITIES].sort((a, b) =>
    collator.compare(municipalityName(a, language), municipalityName(b, language)),
  );
  if (!q) return sorted;
  const names = (m: Municipality) => [fold(m.name_fi), fold(m.name_sv)];
  const starts = sorted.filter((m) => names(m).some((n) => n.startsWith(q)));
  const contains = sorted.filter((m) => !starts.includes(m) && names(m).some((n) => n.includes(q)));
  return [...starts, ...contains];
}

/** A typed name that exactly matches one municipality (either language) picks it. */
export function exactMunicipality(text: string): Municipality | undefined {
  const q = fold(text);
  return q ? MUNICIPALITIES.find((m) => fold(m.name_fi) === q || fold(m.name_sv) === q) : undefined;
}
