import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../lib/errors.js';
import { BlockButton } from './BlockButton.js';
import { useBlockedList } from './blocks-store.js';
import { formatDate } from '../../lib/dates.js';

/** The profile page's list of people I blocked, each with unblock. */
export function BlockedList() {
  const { t, i18n } = useTranslation('blocks');
  const errorMessage = useErrorMessage();
  const { data, error } = useBlockedList();
  if (error) return <p className="notice error">{errorMessage(error)}</p>;
  if (!data) return <p>{t('common:loading')}</p>;
  if (!data.length) return <p className="hint">{t('list.empty')}</p>;
  return (
    <ul className="blocked-list">
      {data.map((p) => (
        <li key={p.id}>
          <span>
            {p.name}{' '}
            <span className="muted">
              {t('list.since', { date: formatDate(p.blockedAt, i18n.language) })}
            </span>
          </span>
          <BlockButton person={p} />
        </li>
      ))}
    </ul>
  );
}
