import {
  LIBRARY_FACETS,
  type LibraryFacet,
  type LibraryFacetCounts,
} from '@yhteistyotila/protocol';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/dates.js';
import { FACET_VALUES, type FindState } from '../find-url.js';
import { useFacetLabel } from './facet-labels.js';

/**
 * The facets as groups of checkboxes, each value with its count. Within a facet the choices are
 * alternatives; the counts already take the other facets' choices into account (the server's
 * rule), so a value with no entries is not offered unless it is chosen.
 */
export function FacetFilters({
  chosen,
  counts,
  onToggle,
}: {
  chosen: FindState['filters'];
  counts: LibraryFacetCounts | undefined;
  onToggle: (facet: LibraryFacet, value: string, on: boolean) => void;
}) {
  const { t, i18n } = useTranslation('library');
  const label = useFacetLabel();
  const id = useId();
  return (
    <>
      {LIBRARY_FACETS.map((facet) => {
        const countOf = new Map<string, number>(
          (counts?.[facet] ?? []).map((c) => [String(c.value), c.count]),
        );
        const values = FACET_VALUES[facet].filter(
          (v) => countOf.has(v) || chosen[facet].includes(v),
        );
        return (
          <fieldset key={facet} className="facet">
            <legend>{t(`find.filters.${facet}`)}</legend>
            {values.length === 0 ? (
              <p className="facet-none">{t('find.filters.none')}</p>
            ) : (
              <ul>
                {values.map((value) => {
                  const inputId = `${id}-${facet}-${value}`;
                  return (
                    <li key={value} className="checkbox">
                      <input
                        id={inputId}
                        type="checkbox"
                        checked={chosen[facet].includes(value)}
                        onChange={(e) => onToggle(facet, value, e.target.checked)}
                      />
                      <label htmlFor={inputId}>
                        {t('find.filters.option', {
                          label: label(facet, value),
                          n: formatNumber(countOf.get(value) ?? 0, i18n.language),
                        })}
                      </label>
                    </li>
                  );
                })}
              </ul>
            )}
          </fieldset>
        );
      })}
    </>
  );
}
