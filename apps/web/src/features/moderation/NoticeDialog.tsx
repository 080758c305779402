import {
  MAX_NOTICE_LENGTH,
  NOTICE_TEMPLATES,
  type NoticeKind,
  type NoticeTemplate,
} from '@yhteistyotila/protocol';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/socket.js';
import { ReasonField } from './ReasonField.js';
import { StepDialog } from './StepDialog.js';

/**
 * A note or a warning. A template fills the text in the moderator's language; left as it is,
 * only the template's name is sent and the person reads it in their own language. Edited, the
 * text goes as written.
 */
export function NoticeDialog({
  userId,
  kind,
  onDone,
  onClose,
}: {
  userId: string;
  kind: NoticeKind;
  onDone: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('moderation');
  const id = useId();
  const [template, setTemplate] = useState<NoticeTemplate | null>('guidelines');
  const templateText = (tpl: NoticeTemplate | null) => (tpl ? t(`templates.${tpl}`) : '');
  const [text, setText] = useState(() => templateText('guidelines'));
  const [reason, setReason] = useState('');
  const unedited = template !== null && text === templateText(template);
  const send = useMutation({
    mutationFn: () =>
      request('moderation:notify', {
        userId,
        kind,
        template: unedited ? template : null,
        text: unedited ? null : text,
        reason,
      }),
    onSuccess: onDone,
  });
  return (
    <StepDialog
      title={t(`actions.${kind}`)}
      submitLabel={t('actions.send')}
      canSubmit={Boolean(text.trim() && reason.trim())}
      pending={send.isPending}
      error={send.error}
      onSubmit={() => send.mutate()}
      onClose={onClose}
    >
      <div className="field">
        <label htmlFor={`${id}-template`}>{t('actions.template')}</label>
        <select
          id={`${id}-template`}
          value={template ?? ''}
          onChange={(e) => {
            const next = (e.target.value || null) as NoticeTemplate | null;
            setTemplate(next);
            setText(templateText(next));
          }}
        >
          {NOTICE_TEMPLATES.map((tpl) => (
            <option key={tpl} value={tpl}>
              {t(`templateNames.${tpl}`)}
            </option>
          ))}
          <option value="">{t('actions.noTemplate')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('actions.text')}</label>
        <textarea
          id={`${id}-text`}
          rows={5}
          required
          maxLength={MAX_NOTICE_LENGTH}
          value={text}
          aria-describedby={`${id}-text-hint`}
          onChange={(e) => setText(e.target.value)}
        />
        <p id={`${id}-text-hint`} className="hint">
          {t('actions.textHint')}
        </p>
      </div>
      <ReasonField value={reason} onValue={setReason} hint={t('actions.reasonHint')} />
    </StepDialog>
  );
}
