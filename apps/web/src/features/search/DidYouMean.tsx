import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { searchPath } from './search-url.js';

/** "Did you mean": the query corrected from the dictionaries, as a link that runs it. */
export function DidYouMean({ query }: { query: string }) {
  const { t } = useTranslation('search');
  return (
    <p className="search-did-you-mean">
      {t('didYouMean')}{' '}
      <Link to={searchPath(query)} className="search-did-you-mean-link">
        {query}
      </Link>
    </p>
  );
}
