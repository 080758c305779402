import { can, channelTextFor, type Conversation } from '@yhteistyotila/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { useErrorMessage } from '../../../lib/errors.js';
import { asLanguage } from '../../../lib/i18n.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { Composer } from '../components/Composer.js';
import { MembersPanel } from '../components/MembersPanel.js';
import type { MessageContext } from '../components/MessageItem.js';
import { offersSaveToLibrary } from '../save-to-library.js';
import { MessageList } from '../components/MessageList.js';
import { PinsPanel } from '../components/PinsPanel.js';
import { ThreadPanel } from '../components/ThreadPanel.js';
import { PeopleIcon, PinIcon, SettingsIcon } from '../components/ToolIcons.js';
import { ChannelSettingsDialog } from '../components/ChannelSettingsDialog.js';
import { TypingIndicator } from '../components/TypingIndicator.js';
import { BlockButton, useIsBlocked } from '../../blocks/index.js';
import {
  conversationName,
  nobodyLeftIn,
  oneToOnePeer,
  upsertSummary,
  useConversationList,
} from '../store/conversations.js';

export const LAST_CONVERSATION_KEY = 'yt.lastConversation';
/** The open thread lives in the URL so that it survives reloads and can be linked. */
const THREAD_PARAM = 'ketju';

type Panel = 'members' | 'pins' | null;

export function ConversationPage() {
  const { conversationId = '', messageId } = useParams();
  const [params, setParams] = useSearchParams();
  const threadId = params.get(THREAD_PARAM);
  const { t, i18n } = useTranslation('conversations');
  const errorMessage = useErrorMessage();
  const { user } = useSession();
  const qc = useQueryClient();
  const { data: list } = useConversationList();
  const summary = list?.find((c) => c.id === conversationId);
  const [panel, setPanel] = useState<Panel>(null);
  const [threadHighlight, setThreadHighlight] = useState<string | undefined>();
  const [settingsOpen, setSettingsOpen] = useState(false);

  // Not in my list: a public channel I can read before joining (or nothing I may see).
  const outsider = useQuery({
    queryKey: queryKeys.conversations.outsider(conversationId),
    queryFn: () => request('conversation:get', { conversationId }),
    enabled: Boolean(list) && !summary,
    retry: false,
  });
  const conversation: Conversation | undefined = summary ?? outsider.data?.conversation;
  const isMember = Boolean(summary);
  const join = useMutation({
    mutationFn: () => request('channel:join', { conversationId }),
    onSuccess: ({ conversation: joined }) => upsertSummary(qc, joined),
  });

  useEffect(() => {
    if (summary) localStorage.setItem(LAST_CONVERSATION_KEY, conversationId);
  }, [summary, conversationId]);

  const openThread = useCallback(
    (rootId: string, highlight?: string) => {
      setPanel(null);
      setThreadHighlight(highlight);
      setParams((p) => {
        const next = new URLSearchParams(p);
        next.set(THREAD_PARAM, rootId);
        return next;
      });
    },
    [setParams, setPanel, setThreadHighlight],
  );
  const closeThread = () =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      next.delete(THREAD_PARAM);
      return next;
    });
  const onJumpedToReply = useCallback(
    (rootId: string, replyId: string) => openThread(rootId, replyId),
    [openThread],
  );

  // The other person of a 1:1 DM: blockable from the header; blocked by me, nothing is sent.
  const other = oneToOnePeer(summary, user?.id);
  const blockedByMe = useIsBlocked(other?.id);

  if (!user) return null;
  if (!conversation) {
    return (
      <div className="conversation conversation-missing">
        <Link className="back-link" to="/c">
          ← {t('backToList')}
        </Link>
        {outsider.error ? (
          <>
            <PageTitle>{t('notFound')}</PageTitle>
            <p>{errorMessage(outsider.error)}</p>
          </>
        ) : (
          <p>{t('common:loading')}</p>
        )}
      </div>
    );
  }

  const name = conversationName(conversation, user.id, t('message.deletedUser'), i18n.language);
  const { topic } = channelTextFor(conversation, asLanguage(i18n.language));
  // Everyone else in this DM erased their account: nobody would read a reply.
  const nobodyLeft = nobodyLeftIn(conversation, user.id);
  const readOnly = !isMember || conversation.archived || nobodyLeft || blockedByMe;
  const context: MessageContext = {
    conversationId,
    myId: user.id,
    myName: user.name,
    // The same evaluator the server asks: the screen offers exactly what the server allows.
    canPin:
      isMember &&
      can('message.pin', {
        role: user.role,
        expert: user.expert,
        userId: user.id,
        conversation,
        member: isMember,
      }),
    canDeleteAny: can('message.editOrDelete', {
      role: user.role,
      expert: user.expert,
      deleting: true,
    }),
    onOpenThread: openThread,
    lastReadSeq: 0,
    readOnly,
    canSaveToLibrary: offersSaveToLibrary(conversation, user),
  };
  // Settings belong to those who may archive the channel (the server's rule for both).
  const canEditSettings =
    conversation.kind === 'channel' &&
    can('channel.archive', { role: user.role, userId: user.id, conversation });
  const togglePanel = (p: Panel) => {
    closeThread();
    setPanel((cur) => (cur === p ? null : p));
  };
  const sideOpen = Boolean(threadId) || panel !== null;

  return (
    <div className="conversation" data-side={sideOpen ? 'open' : 'closed'}>
      <header className="conversation-header">
        <Link className="back-link" to="/c" aria-label={t('backToList')}>
          ←
        </Link>
        <div className="conversation-title">
          <PageTitle>{conversation.kind === 'channel' ? `# ${name}` : name}</PageTitle>
          {topic && <p className="topic">{topic}</p>}
        </div>
        <div className="conversation-tools">
          <button
            type="button"
            className="button small"
            aria-pressed={panel === 'members'}
            onClick={() => togglePanel('members')}
          >
            <PeopleIcon />
            {/* Phones show the icon and the count; the whole text stays the button's name. */}
            <span className="tool-short" aria-hidden="true">
              {conversation.memberCount}
            </span>
            <span className="tool-label">
              {t('members.button', { count: conversation.memberCount })}
            </span>
          </button>
          <button
            type="button"
            className="button small"
            aria-pressed={panel === 'pins'}
            onClick={() => togglePanel('pins')}
          >
            <PinIcon />
            <span className="tool-label">{t('pins.button')}</span>
          </button>
          {other && <BlockButton person={other} />}
          {canEditSettings && (
            <button
              type="button"
              className="button small"
              aria-haspopup="dialog"
              onClick={() => setSettingsOpen(true)}
            >
              <SettingsIcon />
              <span className="tool-label">{t('settings.button')}</span>
            </button>
          )}
        </div>
      </header>
      <div className="conversation-body">
        <section className="timeline-pane" aria-label={t('timeline.region', { name })}>
          {conversation.archived && <p className="notice">{t('archivedNotice')}</p>}
          <MessageList
            key={`${conversationId}:${messageId ?? ''}`}
            conversation={summary}
            canWrite={!readOnly}
            jumpTo={messageId}
            onJumpedToReply={onJumpedToReply}
            context={context}
          />
          <TypingIndicator conversationId={conversationId} />
          {nobodyLeft && (
            <p className="notice composer-closed" role="status">
              {t('dm.recipientDeleted')}
            </p>
          )}
          {other && blockedByMe && (
            <p className="notice composer-closed" role="status">
              {t('blocks:dmClosed', { name: other.name })}
            </p>
          )}
          {isMember && !conversation.archived && !nobodyLeft && !blockedByMe && (
            <Composer
              key={conversationId}
              conversationId={conversationId}
              label={t('composer.label', { name })}
            />
          )}
          {!isMember && (
            <div className="join-bar">
              <p>{t('joinPrompt')}</p>
              {join.error && <p className="form-error">{errorMessage(join.error)}</p>}
              <button
                type="button"
                className="button primary"
                disabled={join.isPending}
                onClick={() => join.mutate()}
              >
                {t('browse.join')}
              </button>
            </div>
          )}
        </section>
        {threadId && (
          <ThreadPanel
            key={threadId}
            rootId={threadId}
            context={context}
            highlight={threadHighlight}
            onClose={closeThread}
          />
        )}
        {!threadId && panel === 'members' && (
          <MembersPanel
            conversation={conversation}
            isMember={isMember}
            onClose={() => setPanel(null)}
          />
        )}
        {!threadId && panel === 'pins' && (
          <PinsPanel conversationId={conversationId} onClose={() => setPanel(null)} />
        )}
      </div>
      {settingsOpen && canEditSettings && (
        <ChannelSettingsDialog conversation={conversation} onClose={() => setSettingsOpen(false)} />
      )}
    </div>
  );
}
