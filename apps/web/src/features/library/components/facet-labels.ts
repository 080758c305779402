import { REGIONAL_UNITS, regionName, type LibraryFacet } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { asLanguage } from '../../../lib/i18n.js';

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

/** A wellbeing services county's full name in the reader's language (English too). */
export function countyName(id: string, language: string): string {
  const unit = REGIONAL_UNITS.find((u) => u.id === id);
  return unit ? regionName(unit, asLanguage(language), true) : id;
}

export function useFacetLabel() {
  const { t, i18n } = useTranslation('library');
  return (facet: LibraryFacet, value: string | number): string =>
    facet === 'counties'
      ? countyName(String(value), i18n.language)
      : t(`${VOCABULARY[facet]}.${value}`);
}
