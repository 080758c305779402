import { formatDateTime } from '../../lib/dates.js';
import type { SearchHit } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Highlighted } from './Highlighted.js';
import { messagePath } from './search-url.js';

export function SearchHitItem({ hit }: { hit: SearchHit }) {
  const { t, i18n } = useTranslation('search');
  const when = new Date(hit.createdAt);
  const place =
    hit.conversationKind === 'channel'
      ? `#${hit.conversationName}`
      : hit.conversationName || t('directMessage');
  return (
    <li className="search-hit">
      <Link to={messagePath(hit.conversationId, hit.messageId)} className="search-hit-link">
        <span className="search-hit-meta">
          <span className="search-hit-place">{place}</span>
          {hit.threadRootId && <span className="search-hit-thread">{t('inThread')}</span>}
          <span className="search-hit-author">{hit.author?.name ?? t('deletedUser')}</span>
          <time dateTime={hit.createdAt}>{formatDateTime(when, i18n.language)}</time>
        </span>
        <span className="search-hit-snippet">
          <Highlighted snippet={hit.snippet} highlights={hit.highlights} />
        </span>
      </Link>
    </li>
  );
}
