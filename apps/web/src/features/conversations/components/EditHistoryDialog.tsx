import { formatDateTime } from '../../../lib/dates.js';
import type { Message } from '@yhteistyotila/protocol';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../lib/errors.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { request } from '../../../lib/socket.js';
import { Dialog } from '../../../app/Dialog.js';
import { Markdown } from './Markdown.js';

/** Earlier versions of an edited message, oldest first, then the current one. */
export function EditHistoryDialog({ message, onClose }: { message: Message; onClose: () => void }) {
  const { t, i18n } = useTranslation('conversations');
  const errorMessage = useErrorMessage();
  const { data, error } = useQuery({
    queryKey: queryKeys.conversations.edits(message.id, message.changeSeq),
    queryFn: () => request('message:edits', { messageId: message.id }),
  });
  return (
    <Dialog title={t('history.title')} onClose={onClose}>
      {error && <p className="form-error">{errorMessage(error)}</p>}
      {!data && !error && <p>{t('common:loading')}</p>}
      <ol className="edit-history">
        {data?.edits.map((e, i) => (
          <li key={i}>
            <p className="muted">
              {t('history.version', { time: formatDateTime(e.editedAt, i18n.language) })}
            </p>
            <Markdown text={e.text} />
          </li>
        ))}
        {data && (
          <li>
            <p className="muted">{t('history.current')}</p>
            <Markdown text={message.text} />
          </li>
        )}
      </ol>
    </Dialog>
  );
}
