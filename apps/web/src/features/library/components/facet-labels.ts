import { REGIONAL_UNITS, type LibraryFacet } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';

/**
 * A facet value's name in the reader's language. The vocabulary's words are the writing side's
 * (`edit.themes`, `edit.steps`...: the editor's choices and the filters say the same); a
 * region is a wellbeing services county from the shipped data.
 */
const VOCABULARY: Record<Exclude<LibraryFacet, 'counties'>, string> = {
  themes: 'edit.themes',
  steps: 'edit.steps',
  cooperationModels: 'edit.models',
  qualityAreas: 'edit.qualityAreas',
  languages: 'edit.languages',
};

export function countyName(id: string, language: string): string {
  const unit = REGIONAL_UNITS.find((u) => u.id === id);
  if (!unit) return id;
  return language === 'sv' ? unit.name_sv : unit.name_fi;
}

export function useFacetLabel() {
  const { t, i18n } = useTranslation('library');
  return (facet: LibraryFacet, value: string | number): string =>
    facet === 'counties'
      ? countyName(String(value), i18n.language)
      : t(`${VOCABULARY[facet]}.${value}`);
}
