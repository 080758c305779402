import type { LibraryEntrySummary } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatNumber } from '../../../lib/dates.js';
import { Highlighted } from '../../search/Highlighted.js';
import { libraryPaths } from '../library-paths.js';
import { useFacetLabel } from './facet-labels.js';

/**
 * One entry in a list: its title as the link (a heading, so screen-reader users can jump from
 * entry to entry), the summary or, with a search, the text around the match, and what helps
 * choose: review, "needs updating", how many tried it, when it was updated, its themes.
 */
export function EntryListItem({
  entry,
  headingLevel = 3,
}: {
  entry: LibraryEntrySummary;
  headingLevel?: 2 | 3;
}) {
  const { t, i18n } = useTranslation('library');
  const label = useFacetLabel();
  const Heading = `h${headingLevel}` as const;
  const reviewed = entry.review && !entry.review.changedSince;
  return (
    <li className="library-item" data-entry-id={entry.id}>
      {/* The entry's own words are in its language, read with that language's voice. */}
      <Heading className="library-item-title" lang={entry.language}>
        <Link to={libraryPaths.entry(entry.id)}>{entry.title}</Link>
      </Heading>
      {entry.snippet ? (
        <p className="library-item-text" lang={entry.language}>
          <Highlighted snippet={entry.snippet} highlights={entry.highlights} />
        </p>
      ) : (
        entry.summary && (
          <p className="library-item-text" lang={entry.language}>
            {entry.summary}
          </p>
        )
      )}
      <ul className="library-badges">
        {entry.status === 'draft' && <li className="badge">{t('find.results.draft')}</li>}
        {reviewed && <li className="badge reviewed">{t('find.results.reviewed')}</li>}
        {entry.review?.changedSince && (
          <li className="badge changed">{t('find.results.changedSinceReview')}</li>
        )}
        {entry.needsUpdating && <li className="badge warn">{t('find.results.needsUpdating')}</li>}
        {entry.validationCount > 0 && (
          <li className="badge">
            {t('find.results.tried', {
              count: entry.validationCount,
              n: formatNumber(entry.validationCount, i18n.language),
            })}
          </li>
        )}
        {entry.language !== i18n.language && (
          <li className="badge">
            {t('find.results.language', { language: label('languages', entry.language) })}
          </li>
        )}
      </ul>
      <p className="library-item-meta">
        <span>
          {t('find.results.updated', { date: formatDate(entry.updatedAt, i18n.language) })}
        </span>
        {entry.themes.length > 0 && (
          <span>{entry.themes.map((theme) => label('themes', theme)).join(', ')}</span>
        )}
      </p>
    </li>
  );
}
