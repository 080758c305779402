import { useTranslation } from 'react-i18next';
import { outbox } from '../outbox/outbox.js';
import type { OutboxEntry } from '../outbox/outbox-logic.js';
import { useSession } from '../../../lib/session.js';
import { Markdown } from './Markdown.js';
import { PersonName } from './PersonName.js';

/** A message still in the outbox: "sending…", or failed with retry and discard. */
export function PendingItem({ entry }: { entry: OutboxEntry }) {
  const { t } = useTranslation('conversations');
  const { user } = useSession();
  const failed = entry.status === 'failed';
  return (
    <article
      className={failed ? 'message pending failed' : 'message pending'}
      data-client-id={entry.clientId}
      aria-label={t('outbox.label')}
    >
      {user && (
        <header className="message-header">
          <PersonName person={user} presence={false} />
        </header>
      )}
      <Markdown text={entry.text} myName={user?.name} />
      <p className="pending-status">
        {failed ? (
          <>
            <span className="form-error">
              {t('outbox.failed')} {entry.errorCode ? t(`common:errors.${entry.errorCode}`) : ''}
            </span>{' '}
            <button
              type="button"
              className="button small"
              onClick={() => void outbox.retry(entry.clientId)}
            >
              {t('common:retry')}
            </button>{' '}
            <button
              type="button"
              className="button small danger"
              onClick={() => void outbox.discard(entry.clientId)}
            >
              {t('outbox.discard')}
            </button>
          </>
        ) : (
          <span className="muted">{t('outbox.pending')}</span>
        )}
      </p>
    </article>
  );
}
