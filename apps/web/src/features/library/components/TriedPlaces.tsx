import type { LibraryEntry } from '@yhteistyotila/protocol';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/dates.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { request } from '../../../lib/socket.js';
import { municipalityName } from '../../people/people-labels.js';

/**
 * "We tried this too": how many said so and in which municipalities. Asked again whenever the
 * entry's count changes (a fact about the entry brings the new count).
 */
export function TriedPlaces({ entry }: { entry: LibraryEntry }) {
  const { t, i18n } = useTranslation('library');
  const lang = i18n.language;
  const count = entry.validationCount;
  const places = useQuery({
    queryKey: [...queryKeys.library.validations(entry.id), count],
    queryFn: () => request('library:validations', { id: entry.id }),
    enabled: count > 0,
  });
  if (count === 0) return <p>{t('find.entry.triedNone')}</p>;
  const municipalities = (places.data?.municipalities ?? [])
    .map((m) => ({ ...m, name: municipalityName(m.code, lang) }))
    .filter((m) => m.name);
  return (
    <>
      <p>{t('find.entry.triedCount', { count, n: formatNumber(count, lang) })}</p>
      {municipalities.length > 0 && (
        <>
          <p className="entry-places-label" id={`tried-${entry.id}`}>
            {t('find.entry.triedPlaces')}
          </p>
          <ul className="entry-places" aria-labelledby={`tried-${entry.id}`}>
            {municipalities.map((m) => (
              <li key={m.code}>{t('find.entry.triedPlace', { name: m.name, n: m.count })}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
