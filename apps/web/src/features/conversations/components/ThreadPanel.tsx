import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../lib/errors.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { request } from '../../../lib/socket.js';
import { useOutboxEntries } from '../hooks/useOutboxEntries.js';
import { loadThread, useTimeline } from '../store/messages-store.js';
import { threadReplies } from '../store/timeline.js';
import { Composer } from './Composer.js';
import { MessageItem, type MessageContext } from './MessageItem.js';
import { PendingItem } from './PendingItem.js';
import { TypingIndicator } from './TypingIndicator.js';

/** Replies of one thread beside (desktop) or over (phone) the conversation. */
export function ThreadPanel({
  rootId,
  context,
  highlight,
  onClose,
}: {
  rootId: string;
  context: MessageContext;
  highlight?: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation('conversations');
  const errorMessage = useErrorMessage();
  const qc = useQueryClient();
  const titleId = useId();
  const { conversationId } = context;
  const { timeline, version } = useTimeline(conversationId);
  const root = timeline.byId.get(rootId);
  const state = timeline.threads.get(rootId);
  const replies = useMemo(() => threadReplies(timeline, rootId), [timeline, rootId, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const pending = useOutboxEntries(conversationId, rootId);
  const [error, setError] = useState<unknown>(null);
  const { data: followed } = useQuery({
    queryKey: queryKeys.conversations.followedThreads,
    queryFn: () => request('thread:list', {}),
  });
  const following = followed?.threads.some((th) => th.root.id === rootId) ?? false;

  useEffect(() => {
    if (!state) loadThread(conversationId, rootId).catch(setError);
  }, [conversationId, rootId, state]);

  // Reading the panel marks the thread read.
  const newest = replies.at(-1)?.seq ?? 0;
  useEffect(() => {
    if (!following || newest === 0 || document.hidden) return;
    request('thread:read', { threadRootId: rootId, seq: newest }).then(
      () => void qc.invalidateQueries({ queryKey: queryKeys.conversations.threads }),
      () => {},
    );
  }, [following, newest, rootId, qc]);

  // Keep the newest reply (or the jump target) in view.
  useEffect(() => {
    const target = highlight ?? replies.at(-1)?.id ?? pending.at(-1)?.clientId;
    if (!target) return;
    document
      .querySelector(
        `.thread-panel [data-message-id="${target}"], .thread-panel [data-client-id="${target}"]`,
      )
      ?.scrollIntoView({ block: 'nearest' });
  }, [replies.length, pending.length, highlight]); // eslint-disable-line react-hooks/exhaustive-deps

  const toggleFollow = () =>
    request('thread:follow', { threadRootId: rootId, following: !following }).then(
      () => void qc.invalidateQueries({ queryKey: queryKeys.conversations.threads }),
      setError,
    );

  const threadContext: MessageContext = {
    ...context,
    onOpenThread: undefined,
    lastReadSeq: Number.MAX_SAFE_INTEGER,
  };
  return (
    <aside className="side-panel thread-panel" aria-labelledby={titleId}>
      <div className="side-panel-header">
        <h2 id={titleId}>{t('thread.title')}</h2>
        <button
          type="button"
          className="button small"
          aria-pressed={following}
          onClick={() => void toggleFollow()}
        >
          {following ? t('thread.unfollow') : t('thread.follow')}
        </button>
        <button
          type="button"
          className="icon-button"
          onClick={onClose}
          aria-label={t('thread.close')}
        >
          ×
        </button>
      </div>
      <div className="side-panel-body">
        {root && <MessageItem message={root} context={threadContext} />}
        <p className="thread-divider">
          {t('thread.replies', { count: root?.replyCount ?? replies.length })}
        </p>
        {state?.hasMoreBefore && (
          <button
            type="button"
            className="button small"
            onClick={() => loadThread(conversationId, rootId, true).catch(setError)}
          >
            {t('thread.older')}
          </button>
        )}
        <ol className="thread-replies">
          {replies.map((m, i) => (
            <li key={m.id}>
              <MessageItem
                message={m}
                previous={replies[i - 1] ?? root}
                context={threadContext}
                highlighted={highlight === m.id}
              />
            </li>
          ))}
          {!context.readOnly &&
            pending.map((e) => (
              <li key={e.clientId}>
                <PendingItem entry={e} />
              </li>
            ))}
        </ol>
        {error !== null && (
          <p className="form-error" role="alert">
            {errorMessage(error)}
          </p>
        )}
      </div>
      <TypingIndicator conversationId={conversationId} threadRootId={rootId} />
      {!context.readOnly && (
        <Composer
          conversationId={conversationId}
          threadRootId={rootId}
          label={t('composer.replyLabel')}
        />
      )}
    </aside>
  );
}
