import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorMessage } from '../../../lib/errors.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { request } from '../../../lib/socket.js';
import { useTimeline } from '../store/messages-store.js';
import { Markdown } from './Markdown.js';
import { PersonName } from './PersonName.js';

/** Pinned messages, each opening in context. Refetched when any message changes. */
export function PinsPanel({
  conversationId,
  onClose,
}: {
  conversationId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('conversations');
  const errorMessage = useErrorMessage();
  const titleId = useId();
  const { version } = useTimeline(conversationId);
  const { data, error } = useQuery({
    queryKey: queryKeys.conversations.pins(conversationId, version),
    queryFn: () => request('message:pins', { conversationId }),
    placeholderData: (prev) => prev,
  });
  return (
    <aside className="side-panel pins-panel" aria-labelledby={titleId}>
      <div className="side-panel-header">
        <h2 id={titleId}>{t('pins.title')}</h2>
        <button
          type="button"
          className="icon-button"
          onClick={onClose}
          aria-label={t('pins.close')}
        >
          ×
        </button>
      </div>
      <div className="side-panel-body">
        {error && <p className="form-error">{errorMessage(error)}</p>}
        {data && data.messages.length === 0 && <p className="muted">{t('pins.none')}</p>}
        <ul className="pin-list">
          {data?.messages.map((m) => (
            <li key={m.id} className="card">
              <PersonName person={m.author} system={m.systemAuthor} presence={false} />
              <Markdown text={m.text} />
              <Link to={`/c/${conversationId}/m/${m.id}`}>{t('pins.open')}</Link>
            </li>
          ))}
        </ul>
      </div>
    </aside>
  );
}
