import { MAX_MESSAGE_LENGTH, type Message, type Reaction } from '@yhteistyotila/protocol';
import { lazy, memo, Suspense, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../lib/errors.js';
import { request } from '../../../lib/socket.js';
import { FoldedMessage, useIsBlocked } from '../../blocks/index.js';
import { RemoveMessageDialog, RemovedByModerator, ReportDialog } from '../../reports/index.js';
import { applyIncoming } from '../store/messages-store.js';
import { EditHistoryDialog } from './EditHistoryDialog.js';
import { Markdown } from './Markdown.js';
import { PersonName } from './PersonName.js';
import { formatDateTime, formatDay, formatTime } from '../../../lib/dates.js';

export interface MessageContext {
  conversationId: string;
  myId: string;
  myName: string;
  /** May pin and unpin here. */
  canPin: boolean;
  /** May delete anyone's message (moderators, admins). */
  canDeleteAny: boolean;
  /** Open the thread of this root (absent inside the thread panel). */
  onOpenThread?: (rootId: string) => void;
  /** Messages above this seq (not mine) are new: the last-read line goes before the first. */
  lastReadSeq: number;
  /** Read-only (archived, or not a member). */
  readOnly: boolean;
  /** May save a message to the library (a public channel's, by someone who writes there). */
  canSaveToLibrary: boolean;
}

// Loaded when first opened: the library's code stays out of the conversation screen's download.
const SaveToLibraryDialog = lazy(async () => ({
  default: (await import('../../library/index.js')).SaveToLibraryDialog,
}));

export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '🙏', '😮'];
/** Consecutive messages from one author within this time share one header. */
const GROUP_MS = 5 * 60_000;

const run = (p: Promise<{ message: Message }>) => p.then(({ message }) => applyIncoming([message]));

export const MessageItem = memo(function MessageItem({
  message: m,
  previous,
  context: ctx,
  highlighted = false,
  firstUnread = false,
}: {
  message: Message;
  /** Draw the last-read line above this message. */
  firstUnread?: boolean;
  previous?: Message | undefined;
  context: MessageContext;
  highlighted?: boolean;
}) {
  const { t, i18n } = useTranslation('conversations');
  const errorMessage = useErrorMessage();
  const [actionsOpen, setActionsOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [dialog, setDialog] = useState<'report' | 'remove' | 'library' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [copied, setCopied] = useState(false);
  // A message from someone I blocked stays folded until I open it (for me only, this screen only).
  const [unfolded, setUnfolded] = useState(false);
  const folded = useIsBlocked(m.author?.id) && !unfolded;
  const mine = m.author?.id === ctx.myId;
  const deleted = m.deletedAt !== null;
  const newDay =
    previous === undefined ||
    new Date(previous.createdAt).toDateString() !== new Date(m.createdAt).toDateString();
  const grouped =
    !folded &&
    !newDay &&
    previous !== undefined &&
    previous.author?.id === m.author?.id &&
    previous.deletedAt === null &&
    new Date(m.createdAt).getTime() - new Date(previous.createdAt).getTime() < GROUP_MS &&
    !firstUnread;
  const mentionsMe = m.mentions.includes(ctx.myId);

  const act = (p: Promise<unknown>) => {
    setError(null);
    p.catch(setError);
  };
  const react = (emoji: string, reacted: boolean) =>
    act(run(request('message:react', { messageId: m.id, emoji, reacted })));
  const copyLink = () => {
    const url = `${location.origin}/c/${m.conversationId}/m/${m.id}`;
    act(
      navigator.clipboard.writeText(url).then(() => {
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      }),
    );
  };
  const remove = () => {
    // Someone else's message is a moderator's removal: it takes a reason, told to the author.
    if (!mine) return setDialog('remove');
    if (window.confirm(t('message.confirmDelete')))
      act(run(request('message:delete', { messageId: m.id })));
  };

  const editedMark =
    m.editedAt && !deleted ? (
      <button
        type="button"
        className="link-button edited-mark"
        onClick={() => setHistoryOpen(true)}
      >
        {t('message.edited')}
      </button>
    ) : null;

  const classes = ['message'];
  if (grouped) classes.push('grouped');
  if (mentionsMe) classes.push('mentions-me');
  if (highlighted) classes.push('highlighted');
  if (m.pinned) classes.push('pinned');

  return (
    <>
      {newDay && (
        <div
          className="day-divider"
          role="separator"
          aria-label={formatDay(m.createdAt, i18n.language)}
        >
          <span>{formatDay(m.createdAt, i18n.language)}</span>
        </div>
      )}
      {firstUnread && (
        <div className="last-read-line" role="separator">
          <span>{t('timeline.newMessages')}</span>
        </div>
      )}
      {folded ? (
        <article className="message folded" data-message-id={m.id}>
          <FoldedMessage onOpen={() => setUnfolded(true)} />
        </article>
      ) : (
        <article
          className={classes.join(' ')}
          aria-label={t('message.label', {
            name:
              m.author?.name ??
              t(m.systemAuthor ? `message.systemAuthor.${m.systemAuthor}` : 'message.deletedUser'),
          })}
          data-message-id={m.id}
        >
          {!grouped && (
            <header className="message-header">
              <PersonName person={m.author} system={m.systemAuthor} />
              <time dateTime={m.createdAt} title={formatDateTime(m.createdAt, i18n.language)}>
                {formatTime(m.createdAt, i18n.language)}
              </time>
              {editedMark}
            </header>
          )}
          {m.pinned && <span className="pin-mark">📌 {t('message.pinned')}</span>}
          {deleted && m.removedByModerator ? (
            <RemovedByModerator message={m} />
          ) : deleted ? (
            <p className="tombstone">{t('message.deleted')}</p>
          ) : editing ? (
            <EditForm message={m} onDone={() => setEditing(false)} />
          ) : (
            <Markdown text={m.text} myName={ctx.myName} />
          )}
          {grouped && editedMark}
          {!deleted && m.reactions.length > 0 && (
            <ul className="reactions" aria-label={t('message.reactions')}>
              {m.reactions.map((r) => (
                <li key={r.emoji}>
                  <ReactionButton
                    reaction={r}
                    mine={r.userIds.includes(ctx.myId)}
                    disabled={ctx.readOnly}
                    onToggle={react}
                  />
                </li>
              ))}
            </ul>
          )}
          {ctx.onOpenThread && m.threadRootId === null && m.replyCount > 0 && (
            <button
              type="button"
              className="thread-summary"
              onClick={() => ctx.onOpenThread?.(m.id)}
            >
              <span className="thread-count">{t('thread.replies', { count: m.replyCount })}</span>
              <span className="thread-participants">
                {m.threadParticipants.map((p) => p.name).join(', ')}
              </span>
              {m.lastReplyAt && (
                <span className="muted">
                  {t('thread.lastReply', { time: formatTime(m.lastReplyAt, i18n.language) })}
                </span>
              )}
            </button>
          )}
          {!deleted && (
            <div className="message-tools">
              <button
                type="button"
                className="icon-button more-button"
                aria-expanded={actionsOpen}
                aria-label={t('message.actions')}
                onClick={() => setActionsOpen((o) => !o)}
              >
                ⋯
              </button>
              {ctx.onOpenThread && m.threadRootId === null && !ctx.readOnly && (
                <button
                  type="button"
                  className="icon-button reply-button"
                  onClick={() => ctx.onOpenThread?.(m.id)}
                  aria-label={t('message.reply')}
                >
                  ↩
                </button>
              )}
            </div>
          )}
          {actionsOpen && !deleted && (
            <div className="message-actions" role="group" aria-label={t('message.actions')}>
              {!ctx.readOnly && (
                <div className="quick-reactions" role="group" aria-label={t('message.addReaction')}>
                  {QUICK_REACTIONS.map((emoji) => {
                    const mineAlready = m.reactions.some(
                      (r) => r.emoji === emoji && r.userIds.includes(ctx.myId),
                    );
                    return (
                      <button
                        key={emoji}
                        type="button"
                        className="emoji-button"
                        aria-pressed={mineAlready}
                        aria-label={t('message.reactWith', { emoji })}
                        onClick={() => react(emoji, !mineAlready)}
                      >
                        {emoji}
                      </button>
                    );
                  })}
                </div>
              )}
              {ctx.onOpenThread && m.threadRootId === null && !ctx.readOnly && (
                <button
                  type="button"
                  className="button small"
                  onClick={() => ctx.onOpenThread?.(m.id)}
                >
                  {t('message.reply')}
                </button>
              )}
              {mine && !ctx.readOnly && (
                <button
                  type="button"
                  className="button small"
                  onClick={() => (setEditing(true), setActionsOpen(false))}
                >
                  {t('message.edit')}
                </button>
              )}
              {(mine || ctx.canDeleteAny) && !ctx.readOnly && (
                <button type="button" className="button small danger" onClick={remove}>
                  {t('message.delete')}
                </button>
              )}
              {ctx.canPin && !ctx.readOnly && (
                <button
                  type="button"
                  className="button small"
                  onClick={() =>
                    act(run(request('message:pin', { messageId: m.id, pinned: !m.pinned })))
                  }
                >
                  {m.pinned ? t('message.unpin') : t('message.pin')}
                </button>
              )}
              <button type="button" className="button small" onClick={copyLink}>
                {copied ? t('message.linkCopied') : t('message.copyLink')}
              </button>
              {ctx.canSaveToLibrary && (
                <button
                  type="button"
                  className="button small"
                  onClick={() => (setDialog('library'), setActionsOpen(false))}
                >
                  {t('library:edit.saveToLibrary')}
                </button>
              )}
              {!mine && (
                <button type="button" className="button small" onClick={() => setDialog('report')}>
                  {t('reports:report')}
                </button>
              )}
            </div>
          )}
          {error !== null && (
            <p className="form-error" role="alert">
              {errorMessage(error)}
            </p>
          )}
        </article>
      )}
      {historyOpen && <EditHistoryDialog message={m} onClose={() => setHistoryOpen(false)} />}
      {dialog === 'report' && (
        <ReportDialog
          target={{ type: 'message', messageId: m.id }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'library' && (
        <Suspense fallback={null}>
          <SaveToLibraryDialog
            messageId={m.id}
            hasThread={m.threadRootId === null && m.replyCount > 0}
            onClose={() => setDialog(null)}
          />
        </Suspense>
      )}
      {dialog === 'remove' && (
        <RemoveMessageDialog
          messageId={m.id}
          onRemoved={(message) => applyIncoming([message])}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
});

function ReactionButton({
  reaction: r,
  mine,
  disabled,
  onToggle,
}: {
  reaction: Reaction;
  mine: boolean;
  disabled: boolean;
  onToggle: (emoji: string, reacted: boolean) => void;
}) {
  const { t } = useTranslation('conversations');
  return (
    <button
      type="button"
      className={mine ? 'reaction mine' : 'reaction'}
      aria-pressed={mine}
      disabled={disabled}
      aria-label={t('message.reactionCount', { emoji: r.emoji, count: r.count })}
      onClick={() => onToggle(r.emoji, !mine)}
    >
      <span aria-hidden="true">{r.emoji}</span> <span aria-hidden="true">{r.count}</span>
    </button>
  );
}

function EditForm({ message, onDone }: { message: Message; onDone: () => void }) {
  const { t } = useTranslation('conversations');
  const errorMessage = useErrorMessage();
  const [text, setText] = useState(message.text);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const tooLong = text.length > MAX_MESSAGE_LENGTH;
  const save = async () => {
    if (tooLong || !text.trim()) return;
    if (text === message.text) return onDone();
    setSaving(true);
    try {
      await run(request('message:edit', { messageId: message.id, text }));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Escape') onDone();
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void save();
    }
  };
  return (
    <div className="edit-form">
      <label className="visually-hidden" htmlFor={`edit-${message.id}`}>
        {t('message.editLabel')}
      </label>
      <textarea
        id={`edit-${message.id}`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        autoFocus
        rows={3}
      />
      {tooLong && (
        <p className="form-error" role="alert">
          {t('composer.tooLong', { count: text.length, max: MAX_MESSAGE_LENGTH })}
        </p>
      )}
      {error !== null && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      <div className="actions compact">
        <button
          type="button"
          className="button small primary"
          onClick={() => void save()}
          disabled={saving || tooLong}
        >
          {t('common:save')}
        </button>
        <button type="button" className="button small" onClick={onDone}>
          {t('common:cancel')}
        </button>
      </div>
    </div>
  );
}
