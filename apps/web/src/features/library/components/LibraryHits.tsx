import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../../../lib/dates.js';
import { EMPTY_FIND_STATE, findPath } from '../find-url.js';
import { useLibraryFind } from '../hooks/useLibraryFind.js';
import '../find.css';
import { EntryListItem } from './EntryListItem.js';

const SHOWN = 3;

/**
 * The search page's library section, above the messages: the closest entries for the same
 * words, and a link to all of them in the library (where the facets narrow them further).
 * Nothing at all when the library has no match, so the messages come first then.
 */
export function LibraryHits({ q }: { q: string }) {
  const { t, i18n } = useTranslation('library');
  const find = useLibraryFind({ ...EMPTY_FIND_STATE, q }, { limit: SHOWN, enabled: Boolean(q) });
  const first = find.data?.pages[0];
  if (!q || !first || first.total === 0) return null;
  return (
    <section className="library-hits" aria-labelledby="library-hits-heading">
      <h2 id="library-hits-heading">{t('find.searchHits.heading')}</h2>
      <ol className="library-list">
        {first.entries.map((entry) => (
          <EntryListItem key={entry.id} entry={entry} />
        ))}
      </ol>
      <p>
        <Link to={findPath({ q })}>
          {t('find.searchHits.all', {
            count: first.total,
            n: formatNumber(first.total, i18n.language),
          })}
        </Link>
      </p>
    </section>
  );
}
