import { MAX_LIBRARY_FLAG_REASON_LENGTH, can, type LibraryEntry } from '@yhteistyotila/protocol';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../app/Dialog.js';
import { formatDate } from '../../../lib/dates.js';
import { useErrorMessage } from '../../../lib/errors.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { useStoreEntry } from '../hooks/useLiveEntry.js';
import { DialogFormFooter } from '../../../app/DialogFormFooter.js';

/**
 * "Needs updating": the flag with its reason for every reader; members raise it with a reason,
 * experts, moderators and admins clear it (once the text is brought up to date).
 */
export function NeedsUpdatingFlag({ entry }: { entry: LibraryEntry }) {
  const { t, i18n } = useTranslation('library');
  const errorMessage = useErrorMessage();
  const { user } = useSession();
  const storeEntry = useStoreEntry();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (entry.status !== 'published') return null;
  const flag = entry.needsUpdating;
  const mayFlag = Boolean(user && can('library.participate', user));
  const mayClear = Boolean(user && can('library.clearFlag', user));
  const clear = () => {
    setError(null);
    request('library:clearFlag', { id: entry.id }).then(
      (r) => storeEntry({ ...r.entry, validatedByMe: entry.validatedByMe }),
      setError,
    );
  };
  return (
    <div className="needs-updating">
      {flag ? (
        <div className="notice warn flag-notice">
          <p>
            <strong>{t('edit.flag.flagged')}</strong>{' '}
            {t('edit.flag.by', {
              name: flag.by?.name ?? t('edit.deletedUser'),
              date: formatDate(flag.at, i18n.language),
            })}
          </p>
          <p className="flag-reason">{flag.reason}</p>
          {mayClear && (
            <button type="button" className="button small" onClick={clear}>
              {t('edit.flag.clear')}
            </button>
          )}
        </div>
      ) : (
        mayFlag && (
          <button type="button" className="button small" onClick={() => setOpen(true)}>
            {t('edit.flag.button')}
          </button>
        )
      )}
      {error !== null && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      {open && <FlagDialog entry={entry} onClose={() => setOpen(false)} />}
    </div>
  );
}

function FlagDialog({ entry, onClose }: { entry: LibraryEntry; onClose: () => void }) {
  const { t } = useTranslation('library');
  const storeEntry = useStoreEntry();
  const id = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const send = async () => {
    if (!reason.trim()) {
      setMissing(true);
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { entry: next } = await request('library:flag', { id: entry.id, reason });
      storeEntry({ ...next, validatedByMe: entry.validatedByMe });
      onClose();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('edit.flag.title')} onClose={onClose}>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('edit.flag.reason')}</label>
          <span id={`${id}-hint`} className="hint">
            {t('edit.flag.reasonHint')}
          </span>
          {missing && !reason.trim() && (
            <span id={`${id}-error`} className="error">
              {t('edit.flag.reasonMissing')}
            </span>
          )}
          <textarea
            id={`${id}-reason`}
            value={reason}
            rows={4}
            maxLength={MAX_LIBRARY_FLAG_REASON_LENGTH}
            aria-invalid={missing && !reason.trim() ? true : undefined}
            aria-describedby={missing && !reason.trim() ? `${id}-error ${id}-hint` : `${id}-hint`}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <DialogFormFooter
          error={error}
          busy={busy}
          confirmLabel={t('edit.flag.confirm')}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
