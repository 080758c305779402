import type { Message, ServerToClientEvents } from '@yhteistyotila/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../lib/query-keys.js';
import { useSession } from '../../lib/session.js';
import './conversations.css';
import { getSocket } from '../../lib/socket.js';
import { setTitleCount } from './notifications/title.js';
import { plainText } from './notifications/plain-text.js';
import { Toaster } from './notifications/Toaster.js';
import { showToast } from '../../lib/toasts.js';
import { outbox } from './outbox/outbox.js';
import { isFoldedNow } from '../blocks/index.js';
import {
  applyReadState,
  cacheList,
  conversationName,
  countUnread,
  formatCount,
  patchSummary,
  removeSummary,
  setMemberCount,
  updateConversation,
  upsertSummary,
  useConversationList,
} from './store/conversations.js';
import { applyIncoming, dropTimeline, syncAll } from './store/messages-store.js';
import { typingEndedByMessage, typingStarted, typingStopped } from './store/typing.js';
import { isViewing } from './store/view.js';

/**
 * Everything conversations do in the background, for the whole signed-in session: facts into the
 * caches, catch-up and outbox flush on every (re)connect, toasts, and the unread tab title.
 */
export function ConversationsRuntime() {
  const { user } = useSession();
  return user ? <SignedInRuntime myId={user.id} /> : null;
}

function SignedInRuntime({ myId }: { myId: string }) {
  const qc = useQueryClient();
  const { t, i18n } = useTranslation('conversations');
  const { data: list } = useConversationList();

  useEffect(() => {
    void outbox.start(myId, (m) => applyIncoming([m]));
    const socket = getSocket();

    const notifyAbout = (m: Message) => {
      const conv = qc
        .getQueryData<Parameters<typeof conversationName>[0][]>(queryKeys.conversations.list)
        ?.find((c) => c.id === m.conversationId);
      if (!conv || !m.author) return;
      const mentioned = m.mentions.includes(myId);
      if (!mentioned && conv.kind !== 'dm') return;
      const title = mentioned
        ? t('notifications.mention', {
            name: m.author.name,
            conversation: conversationName(conv, myId, t('message.deletedUser'), i18n.language),
          })
        : t('notifications.dm', { name: m.author.name });
      const text = plainText(m.text);
      const body = text.length > 140 ? `${text.slice(0, 140)}…` : text;
      const to = `/c/${m.conversationId}/m/${m.id}`;
      showToast({ title, body, to });
    };

    const onCreated = ({ message: m }: { message: Message }) => {
      applyIncoming([m]);
      if (m.author) typingEndedByMessage(m.conversationId, m.threadRootId, m.author.id);
      patchSummary(qc, m.conversationId, (c) => ({ ...c, lastMessageAt: m.createdAt }));
      // Replying follows a thread, and others' replies change unread counts of followed ones.
      if (m.threadRootId) void qc.invalidateQueries({ queryKey: queryKeys.conversations.threads });
      if (m.author?.id === myId) {
        outbox.resolve(m.clientId);
        return;
      }
      if (m.threadRootId) return;
      // From someone I blocked: not unread, no toast (the server counts the same way).
      if (isFoldedNow(qc, m)) return;
      if (!isViewing(m.conversationId)) countUnread(qc, m, myId);
      if (!isViewing(m.conversationId) || document.hidden) notifyAbout(m);
    };
    const onUpdated = ({ message }: { message: Message }) => applyIncoming([message]);

    const onConnect = async () => {
      // The list call (re)joins this socket to every conversation room; catch-up comes after it
      // so nothing can fall between the two.
      await qc.refetchQueries({ queryKey: queryKeys.conversations.list });
      await syncAll();
      void outbox.flush();
      void qc.invalidateQueries({ queryKey: queryKeys.conversations.threads });
    };

    const handlers: Partial<{ [E in keyof ServerToClientEvents]: ServerToClientEvents[E] }> = {
      'message:created': onCreated,
      'message:updated': onUpdated,
      'conversation:updated': ({ conversation }) => updateConversation(qc, conversation),
      'conversation:added': ({ conversation }) => upsertSummary(qc, conversation),
      'conversation:removed': ({ conversationId }) => {
        removeSummary(qc, conversationId);
        dropTimeline(conversationId);
      },
      // Who is in: the open members panel refetches. The count comes on its own fact (below).
      'member:joined': ({ conversationId }) => membersChanged(conversationId),
      'member:left': ({ conversationId }) => membersChanged(conversationId),
      // Some joins (the first sign-in's automatic ones) come with no member:joined: an open
      // members panel refetches on every count change too, so its list never lags its number.
      'memberCount:updated': ({ conversationId, memberCount }) => {
        setMemberCount(qc, conversationId, memberCount);
        membersChanged(conversationId);
      },
      // An account was erased: its name goes from the members panels at once; the messages it
      // touched changed on the server, so a catch-up brings "deleted user" (and erased text).
      'user:deleted': () => {
        void qc.invalidateQueries({ queryKey: queryKeys.conversations.members() });
        void syncAll();
      },
      'readState:updated': ({ readState }) => applyReadState(qc, readState),
      'thread:followChanged': () =>
        void qc.invalidateQueries({ queryKey: queryKeys.conversations.threads }),
      'typing:started': ({ conversationId, threadRootId, user }) => {
        if (user.id !== myId) typingStarted(conversationId, threadRootId, user);
      },
      'typing:stopped': ({ conversationId, threadRootId, userId }) =>
        typingStopped(conversationId, threadRootId, userId),
    };
    const membersChanged = (conversationId: string) =>
      void qc.invalidateQueries({ queryKey: queryKeys.conversations.members(conversationId) });
    const entries = Object.entries(handlers) as [
      keyof ServerToClientEvents,
      (...args: unknown[]) => void,
    ][];
    const loose = socket as unknown as {
      on(e: string, h: unknown): void;
      off(e: string, h: unknown): void;
    };
    for (const [event, handler] of entries) loose.on(event, handler);
    const connectListener = () => void onConnect();
    socket.on('connect', connectListener);
    // The socket belongs to the whole tab and this runtime's chunk loads later: when the socket
    // is already connected no 'connect' comes, and the list (shown from the local copy) and the
    // catch-up would never be asked for.
    if (socket.connected) connectListener();
    return () => {
      for (const [event, handler] of entries) loose.off(event, handler);
      socket.off('connect', connectListener);
    };
  }, [myId, qc, t, i18n.language]);

  // Signed out (or someone else signed in): nothing of this person's stays in memory.
  useEffect(() => () => dropTimeline(), [myId]);

  useEffect(() => {
    if (list) cacheList(myId, list);
  }, [list, myId]);

  const unread = (list ?? []).reduce((sum, c) => sum + (c.archived ? 0 : c.unreadCount), 0);
  useEffect(() => setTitleCount(unread > 0 ? formatCount(unread) : ''), [unread]);

  return <Toaster />;
}
