import {
  AUDIT_REASON_MAX,
  MAX_CATEGORY_LENGTH,
  MAX_CHANNEL_DESCRIPTION_LENGTH,
  MAX_CHANNEL_NAME_LENGTH,
  MAX_CHANNEL_TOPIC_LENGTH,
  isStaff,
  type Conversation,
} from '@yhteistyotila/protocol';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../lib/errors.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { updateConversation } from '../store/conversations.js';
import { Dialog } from '../../../app/Dialog.js';

type Field = 'name' | 'topic' | 'description' | 'category';
const FIELDS: Field[] = ['name', 'topic', 'description', 'category'];
const MAX: Record<Field, number> = {
  name: MAX_CHANNEL_NAME_LENGTH,
  topic: MAX_CHANNEL_TOPIC_LENGTH,
  description: MAX_CHANNEL_DESCRIPTION_LENGTH,
  category: MAX_CATEGORY_LENGTH,
};

/**
 * A channel's name, topic, description and category, and archiving it: for those the table's
 * "archive a channel" row allows (the creator of a private channel, staff). Only changed fields
 * are sent; members see the change live (`conversation:updated`). Staff may write a reason for
 * archiving, which goes to the audit log.
 */
export function ChannelSettingsDialog({
  conversation,
  onClose,
}: {
  conversation: Conversation;
  onClose: () => void;
}) {
  const { t } = useTranslation('conversations');
  const { user } = useSession();
  const errorMessage = useErrorMessage();
  const qc = useQueryClient();
  const id = useId();
  const [values, setValues] = useState<Record<Field, string>>({
    name: conversation.name,
    topic: conversation.topic,
    description: conversation.description,
    category: conversation.category,
  });
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState(false);
  const staff = Boolean(user && isStaff(user.role));
  const changed = FIELDS.filter((f) => values[f].trim() !== conversation[f]);

  const save = useMutation({
    mutationFn: () =>
      request('channel:update', {
        conversationId: conversation.id,
        ...Object.fromEntries(changed.map((f) => [f, values[f].trim()])),
      }),
    onSuccess: ({ conversation: next }) => {
      updateConversation(qc, next);
      void qc.invalidateQueries({ queryKey: queryKeys.conversations.outsider(next.id) });
      setSaved(true);
    },
  });
  const archive = useMutation({
    mutationFn: () =>
      request('channel:archive', {
        conversationId: conversation.id,
        archived: !conversation.archived,
        ...(staff && reason.trim() ? { reason: reason.trim() } : {}),
      }),
    onSuccess: ({ conversation: next }) => {
      updateConversation(qc, next);
      void qc.invalidateQueries({ queryKey: queryKeys.conversations.list });
      void qc.invalidateQueries({ queryKey: queryKeys.conversations.outsider(next.id) });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (changed.length) save.mutate();
  };
  const error = save.error ?? archive.error;

  return (
    <Dialog title={t('settings.title', { name: conversation.name })} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        {conversation.archived && <p className="notice">{t('settings.archivedHint')}</p>}
        {FIELDS.map((f) => (
          <div className="field" key={f}>
            <label htmlFor={`${id}-${f}`}>{t(`settings.${f}`)}</label>
            {f === 'description' ? (
              <textarea
                id={`${id}-${f}`}
                rows={3}
                maxLength={MAX[f]}
                value={values[f]}
                disabled={conversation.archived}
                onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
              />
            ) : (
              <input
                id={`${id}-${f}`}
                required={f === 'name'}
                maxLength={MAX[f]}
                value={values[f]}
                disabled={conversation.archived}
                onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
              />
            )}
          </div>
        ))}
        <div role="status" aria-live="polite">
          {saved && !save.isPending && <p className="notice success">{t('settings.saved')}</p>}
        </div>
        {error && (
          <p className="form-error" role="alert">
            {errorMessage(error)}
          </p>
        )}
        {!conversation.archived && (
          <div className="actions">
            <button
              type="submit"
              className="button primary"
              disabled={save.isPending || changed.length === 0 || !values.name.trim()}
            >
              {t('settings.save')}
            </button>
          </div>
        )}
      </form>
      {!conversation.isDefault && (
        <section className="form channel-archive" aria-labelledby={`${id}-archive`}>
          <h3 id={`${id}-archive`}>
            {conversation.archived ? t('members.restore') : t('members.archive')}
          </h3>
          <p className="hint">
            {conversation.archived ? t('settings.restoreHint') : t('settings.archiveHint')}
          </p>
          {staff && (
            <div className="field">
              <label htmlFor={`${id}-reason`}>{t('settings.reason')}</label>
              <textarea
                id={`${id}-reason`}
                rows={2}
                maxLength={AUDIT_REASON_MAX}
                value={reason}
                aria-describedby={`${id}-reason-hint`}
                onChange={(e) => setReason(e.target.value)}
              />
              <span className="hint" id={`${id}-reason-hint`}>
                {t('settings.reasonHint')}
              </span>
            </div>
          )}
          <div className="actions">
            <button
              type="button"
              className={conversation.archived ? 'button' : 'button danger'}
              disabled={archive.isPending}
              onClick={() => archive.mutate()}
            >
              {conversation.archived ? t('members.restore') : t('members.archive')}
            </button>
            <button type="button" className="button" onClick={onClose}>
              {t('common:close')}
            </button>
          </div>
        </section>
      )}
    </Dialog>
  );
}
