import { MAX_REMOVAL_REASON_LENGTH, type Message } from '@yhteistyotila/protocol';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../../lib/socket.js';
import { Dialog } from '../../../app/Dialog.js';
import { DialogFormFooter } from '../../../app/DialogFormFooter.js';

/** A moderator removes someone else's message: the reason is required and told to the author. */
export function RemoveMessageDialog({
  messageId,
  onRemoved,
  onClose,
}: {
  messageId: string;
  onRemoved: (message: Message) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('reports');
  const id = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onRemoved((await request('message:delete', { messageId, reason })).message);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('remove.title')} onClose={onClose}>
      <form className="form report-form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="muted">{t('remove.lead')}</p>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('remove.reason')}</label>
          <textarea
            id={`${id}-reason`}
            value={reason}
            required
            aria-invalid={missing && !reason.trim()}
            maxLength={MAX_REMOVAL_REASON_LENGTH}
            rows={3}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        {missing && !reason.trim() && (
          <p className="form-error" role="alert">
            {t('common:errors.VALIDATION_ERROR')}
          </p>
        )}
        <DialogFormFooter
          error={error}
          busy={busy}
          confirmLabel={t('remove.confirm')}
          tone="danger"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
