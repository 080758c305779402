import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { useErrorMessage } from '../../../lib/errors.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { Markdown } from '../components/Markdown.js';
import { PersonName } from '../components/PersonName.js';
import { formatTime } from '../../../lib/dates.js';
import { conversationName, useConversationList } from '../store/conversations.js';

/** Followed threads, newest activity first, unread ones marked. */
export function ThreadsPage() {
  const { t, i18n } = useTranslation('conversations');
  const errorMessage = useErrorMessage();
  const { user } = useSession();
  const qc = useQueryClient();
  const { data: list } = useConversationList();
  const { data, error, isLoading } = useQuery({
    queryKey: queryKeys.conversations.followedThreads,
    queryFn: () => request('thread:list', {}),
  });
  const threads = data?.threads ?? [];
  const unfollow = (rootId: string) =>
    request('thread:follow', { threadRootId: rootId, following: false }).then(() =>
      qc.invalidateQueries({ queryKey: queryKeys.conversations.threads }),
    );
  return (
    <div className="threads-page">
      <Link className="back-link" to="/c" aria-label={t('backToList')}>
        ←
      </Link>
      <PageTitle>{t('threads.title')}</PageTitle>
      {isLoading && <p>{t('common:loading')}</p>}
      {error && <p className="form-error">{errorMessage(error)}</p>}
      {data && threads.length === 0 && <p className="muted">{t('threads.none')}</p>}
      <ul className="thread-list">
        {threads.map((th) => {
          const conv = list?.find((c) => c.id === th.conversationId);
          return (
            <li
              key={th.root.id}
              className={th.unreadCount > 0 ? 'card thread-card unread' : 'card thread-card'}
            >
              <p className="thread-card-meta">
                <span className="muted">
                  {conv
                    ? `${conv.kind === 'channel' ? '# ' : ''}${conversationName(conv, user?.id, t('message.deletedUser'), i18n.language)}`
                    : ''}
                </span>
                {th.unreadCount > 0 && (
                  <span className="badge unread">
                    {t('threads.unread', { count: th.unreadCount })}
                  </span>
                )}
              </p>
              <PersonName person={th.root.author} system={th.root.systemAuthor} presence={false} />
              {th.root.deletedAt ? (
                <p className="tombstone">{t('message.deleted')}</p>
              ) : (
                <Markdown text={th.root.text} myName={user?.name} />
              )}
              <p className="muted">
                {t('thread.replies', { count: th.root.replyCount })}
                {th.root.lastReplyAt &&
                  ` · ${t('thread.lastReply', { time: formatTime(th.root.lastReplyAt, i18n.language) })}`}
              </p>
              <div className="actions compact">
                <Link
                  className="button small primary"
                  to={`/c/${th.conversationId}?ketju=${th.root.id}`}
                >
                  {t('threads.open')}
                </Link>
                <button
                  type="button"
                  className="button small"
                  onClick={() => void unfollow(th.root.id)}
                >
                  {t('thread.unfollow')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
