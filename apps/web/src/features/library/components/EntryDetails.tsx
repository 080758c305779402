import type { LibraryEntry } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/dates.js';
import { municipalityName } from '../../people/people-labels.js';
import { countyName, useFacetLabel } from './facet-labels.js';

/** The entry's metadata as a description list: what it is about, where, which revision. */
export function EntryDetails({ entry }: { entry: LibraryEntry }) {
  const { t, i18n } = useTranslation('library');
  const label = useFacetLabel();
  const lang = i18n.language;
  const region = [
    entry.municipalityCode ? municipalityName(entry.municipalityCode, lang) : '',
    entry.countyCode ? countyName(entry.countyCode, lang) : '',
  ]
    .filter(Boolean)
    .join(', ');
  const rows: [string, string][] = [
    [t('find.entry.themes'), entry.themes.map((v) => label('themes', v)).join(', ')],
    [t('find.entry.steps'), entry.steps.map((v) => label('steps', v)).join(', ')],
    [
      t('find.entry.cooperationModel'),
      entry.cooperationModel ? label('cooperationModels', entry.cooperationModel) : '',
    ],
    [
      t('find.entry.qualityAreas'),
      entry.qualityAreas.map((v) => label('qualityAreas', v)).join(', '),
    ],
    [t('find.entry.level'), t(`edit.levels.${entry.level}`)],
    [t('find.entry.region'), region],
    [t('find.entry.language'), label('languages', entry.language)],
    [t('find.entry.revision'), String(entry.revision)],
    [t('find.entry.updated'), formatDate(entry.updatedAt, lang)],
    [t('find.entry.published'), entry.publishedAt ? formatDate(entry.publishedAt, lang) : ''],
  ];
  return (
    <dl className="entry-details">
      {rows
        .filter(([, value]) => value)
        .map(([term, value]) => (
          <div key={term} className="entry-details-row">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
