import type { ConversationSummary, Message } from '@yhteistyotila/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../lib/errors.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { useConnectionCount } from '../hooks/useConnectionCount.js';
import { useOutboxEntries } from '../hooks/useOutboxEntries.js';
import type { OutboxEntry } from '../outbox/outbox-logic.js';
import { applyReadState } from '../store/conversations.js';
import {
  loadAfter,
  loadAround,
  loadBefore,
  loadLatest,
  useTimeline,
} from '../store/messages-store.js';
import { visibleMessages } from '../store/timeline.js';
import { activeView } from '../store/view.js';
import { MessageItem, type MessageContext } from './MessageItem.js';
import { PendingItem } from './PendingItem.js';

type Row =
  | { key: string; message: Message; prev: Message | undefined }
  | { key: string; pending: OutboxEntry };

/** How close to the end (px) still counts as "at the newest messages". */
const AT_END_PX = 48;
/** Room above the first row for "start of the conversation" / "loading older". */
const START_NOTE_PX = 48;

/**
 * The main timeline, virtualised: only the rows on screen exist in the DOM, so 10,000+ messages
 * scroll smoothly. Anchored to the end: new messages follow when the reader is at the bottom,
 * and older pages loaded above keep the reader's place.
 */
export function MessageList({
  conversation,
  canWrite,
  jumpTo,
  onJumpedToReply,
  context,
}: {
  conversation: ConversationSummary | undefined;
  canWrite: boolean;
  jumpTo: string | undefined;
  onJumpedToReply: (threadRootId: string, messageId: string) => void;
  context: Omit<MessageContext, 'lastReadSeq'>;
}) {
  const { t } = useTranslation('conversations');
  const errorMessage = useErrorMessage();
  const { user } = useSession();
  const qc = useQueryClient();
  const conversationId = context.conversationId;
  const { timeline, version } = useTimeline(conversationId);
  const messages = useMemo(() => visibleMessages(timeline), [timeline, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const pending = useOutboxEntries(conversationId, null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [highlight, setHighlight] = useState<string | null>(null);
  const [atEnd, setAtEnd] = useState(true);
  const parentRef = useRef<HTMLDivElement>(null);
  // The last-read line stays where it was when the conversation was opened.
  const [lastReadSeq] = useState(() => conversation?.readSeq ?? Number.MAX_SAFE_INTEGER);
  const segment = timeline.segment;

  // The last-read line goes above the first message from someone else after the read mark.
  const firstUnreadId = useMemo(
    () => messages.find((m) => m.seq > lastReadSeq && m.author?.id !== user?.id)?.id,
    [messages, lastReadSeq, user?.id],
  );

  const rows: Row[] = useMemo(
    () => [
      ...messages.map((m, i) => ({ key: m.id, message: m, prev: messages[i - 1] })),
      ...(canWrite ? pending.map((e) => ({ key: e.clientId, pending: e })) : []),
    ],
    [messages, pending, canWrite],
  );

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => 76,
    overscan: 8,
    getItemKey: (i) => rows[i]!.key,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: AT_END_PX,
    paddingStart: START_NOTE_PX,
  });

  // First load: the jump target's surroundings, or the newest page; again after a reconnect if
  // it could not load before.
  const connectedCount = useConnectionCount();
  const loaded = useRef(false);
  useEffect(() => {
    if (loaded.current || (timeline.segment && !jumpTo)) return;
    let cancelled = false;
    setLoadError(null);
    const load = jumpTo ? loadAround(conversationId, jumpTo) : loadLatest(conversationId);
    load.then(
      (threadRootId) => {
        loaded.current = true;
        if (!cancelled && jumpTo && typeof threadRootId === 'string')
          onJumpedToReply(threadRootId, jumpTo);
      },
      (err: unknown) => !cancelled && setLoadError(err),
    );
    return () => {
      cancelled = true;
    };
    // Runs again after a reconnect if the first attempt failed; later pages come from scrolling.
  }, [conversationId, jumpTo, connectedCount]); // eslint-disable-line react-hooks/exhaustive-deps

  // Position once the rows are there: the jump target, else the first unread, else the end.
  const positioned = useRef<string | null>(null);
  useLayoutEffect(() => {
    const target = `${conversationId}:${jumpTo ?? ''}`;
    if (positioned.current === target || rows.length === 0 || !segment) return;
    if (jumpTo) {
      const index = rows.findIndex((r) => r.key === jumpTo);
      if (index < 0) return; // not loaded yet (or it is a thread reply)
      virtualizer.scrollToIndex(index, { align: 'center' });
      setHighlight(jumpTo);
    } else {
      const firstUnread = rows.findIndex(
        (r) => 'message' in r && r.message.seq > lastReadSeq && r.message.author?.id !== user?.id,
      );
      if (firstUnread > 0) virtualizer.scrollToIndex(firstUnread, { align: 'start' });
      else virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    }
    positioned.current = target;
  }, [rows, segment, jumpTo, conversationId, lastReadSeq, user?.id, virtualizer]);

  // Infinite scroll both ways, driven by which rows are on screen.
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (!segment || positioned.current === null) return;
    if (firstIndex < 5 && segment.hasMoreBefore) loadBefore(conversationId).catch(setLoadError);
    if (lastIndex > rows.length - 5 && segment.toSeq !== null)
      loadAfter(conversationId).catch(setLoadError);
  }, [firstIndex, lastIndex, rows.length, segment, conversationId]);

  const onScroll = useCallback(() => {
    const el = parentRef.current;
    if (!el) return;
    const end = el.scrollHeight - el.scrollTop - el.clientHeight <= AT_END_PX;
    setAtEnd(end);
  }, []);

  const live = segment?.toSeq === null;
  const atNewest = atEnd && live;
  useEffect(() => {
    activeView.conversationId = conversationId;
    activeView.atBottom = atNewest;
  }, [conversationId, atNewest]);
  useEffect(
    () => () => {
      if (activeView.conversationId === conversationId) activeView.conversationId = null;
    },
    [conversationId],
  );

  // Mark read while the newest messages are on screen in a visible tab.
  const newestSeq = messages.at(-1)?.seq ?? 0;
  const readSeq = conversation?.readSeq ?? 0;
  const isMember = Boolean(conversation);
  useEffect(() => {
    if (!isMember || !atNewest || newestSeq <= readSeq) return;
    const mark = () => {
      if (document.hidden) return;
      request('read:mark', { conversationId, seq: newestSeq }).then(
        ({ readState }) => applyReadState(qc, readState),
        () => {},
      );
    };
    const timer = setTimeout(mark, 300);
    document.addEventListener('visibilitychange', mark);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', mark);
    };
  }, [isMember, atNewest, newestSeq, readSeq, conversationId, qc]);

  const goToNewest = () => {
    if (!live) {
      void loadLatest(conversationId).then(() =>
        virtualizer.scrollToIndex(rows.length - 1, { align: 'end' }),
      );
    } else virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  };

  // Stable while scrolling, so memoised rows do not re-render on every scroll frame.
  const { myId, myName, canPin, canDeleteAny, onOpenThread, readOnly, canSaveToLibrary } = context;
  const itemContext: MessageContext = useMemo(
    () => ({
      conversationId,
      myId,
      myName,
      canPin,
      canDeleteAny,
      onOpenThread,
      readOnly,
      lastReadSeq,
      canSaveToLibrary,
    }),
    [
      conversationId,
      myId,
      myName,
      canPin,
      canDeleteAny,
      onOpenThread,
      readOnly,
      lastReadSeq,
      canSaveToLibrary,
    ],
  );
  const loading = !segment && !loadError;
  return (
    <div className="message-list-wrap">
      <div
        ref={parentRef}
        className="message-scroller"
        onScroll={onScroll}
        tabIndex={0}
        aria-label={t('timeline.label')}
      >
        {/* The canvas comes with the first page, already at its end: a canvas drawn while
            loading and then filled and scrolled moved everything on screen at once (a layout
            shift of 0.46 on a phone, the page's worst Lighthouse figure). Messages still in the
            outbox show at once, though: offline, the first page may never come. */}
        {loading && rows.length === 0 ? (
          <p className="timeline-start timeline-loading" aria-busy="true">
            {t('common:loading')}
          </p>
        ) : (
          <div className="message-canvas" style={{ height: virtualizer.getTotalSize() }}>
            {/* Inside the virtualiser's paddingStart, so item offsets stay exact. */}
            <p className="timeline-start">
              {loading
                ? t('common:loading')
                : segment?.hasMoreBefore
                  ? t('timeline.loadingOlder')
                  : messages.length
                    ? t('timeline.start')
                    : t('timeline.empty')}
            </p>
            <ol className="message-rows">
              {items.map((item) => {
                const row = rows[item.index]!;
                return (
                  <li
                    key={item.key}
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    className="message-row"
                    style={{ transform: `translateY(${item.start}px)` }}
                  >
                    {'message' in row ? (
                      <MessageItem
                        firstUnread={row.key === firstUnreadId}
                        message={row.message}
                        previous={row.prev}
                        context={itemContext}
                        highlighted={highlight === row.key}
                      />
                    ) : (
                      <PendingItem entry={row.pending} />
                    )}
                  </li>
                );
              })}
            </ol>
          </div>
        )}
      </div>
      {loadError !== null && (
        <p className="form-error timeline-error" role="alert">
          {errorMessage(loadError)}
        </p>
      )}
      {!atNewest && rows.length > 0 && (
        <button type="button" className="button small jump-newest" onClick={goToNewest}>
          {t('timeline.toNewest')}
        </button>
      )}
    </div>
  );
}
