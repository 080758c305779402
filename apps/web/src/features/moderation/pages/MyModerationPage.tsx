import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../../app/PageTitle.js';
import { useErrorMessage } from '../../../lib/errors.js';
import { formatUntil, useMyModeration } from '../my-moderation.js';
import { NoticeText } from '../NoticeText.js';
import '../moderation.css';

/** "Messages from the moderators": my notes and warnings, newest first, and my mutes in force. */
export function MyModerationPage() {
  const { t, i18n } = useTranslation('moderation');
  const errorMessage = useErrorMessage();
  const { data, error } = useMyModeration();
  return (
    <div className="page moderation-page">
      <PageTitle>{t('mine.title')}</PageTitle>
      <p>{t('mine.intro')}</p>
      {error && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      {data && data.mutes.length > 0 && (
        <section aria-labelledby="my-mutes">
          <h2 id="my-mutes">{t('mine.mutesTitle')}</h2>
          <ul className="ladder-list">
            {data.mutes.map((m) => (
              <li key={m.id}>
                <p>
                  {t('mine.muted', {
                    channel: m.conversationName,
                    until: formatUntil(m.until, i18n.language),
                  })}
                </p>
                <p className="hint">{t('mine.reason', { reason: m.reason })}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {data && data.notices.length === 0 && <p>{t('mine.empty')}</p>}
      {data && data.notices.length > 0 && (
        <ul className="ladder-list notices">
          {data.notices.map((n) => (
            <li key={n.id} className={`notice notice-${n.kind}`}>
              <strong>{t(`kind.${n.kind}`)}</strong>{' '}
              <time dateTime={n.at}>{formatUntil(n.at, i18n.language)}</time>
              <NoticeText notice={n} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
