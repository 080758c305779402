import {
  MAX_REPORT_NOTE_LENGTH,
  REPORT_CATEGORIES,
  type ReportCategory,
  type ReportTarget,
} from '@yhteistyotila/protocol';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { request } from '../../../lib/socket.js';
import { Dialog } from '../../../app/Dialog.js';
import '../reports.css';
import { DialogFormFooter } from '../../../app/DialogFormFooter.js';

/** Report a message or a person: a category (radio group), an optional note, send. */
export function ReportDialog({ target, onClose }: { target: ReportTarget; onClose: () => void }) {
  const { t } = useTranslation('reports');
  const id = useId();
  const [category, setCategory] = useState<ReportCategory | null>(null);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!category) {
      setMissing(true);
      document.getElementById(`${id}-${REPORT_CATEGORIES[0]}`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await request('report:create', { target, category, ...(note.trim() ? { note } : {}) });
      setSent(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const title = t(target.type === 'message' ? 'dialog.titleMessage' : 'dialog.titleProfile');
  return (
    <Dialog title={title} onClose={onClose}>
      {sent ? (
        <div className="report-sent">
          <p role="status">{t('dialog.sent')}</p>
          <div className="actions">
            <Link to="/omat-ilmoitukset" className="button" onClick={onClose}>
              {t('dialog.mine')}
            </Link>
            <button type="button" className="button primary" onClick={onClose} autoFocus>
              {t('common:close')}
            </button>
          </div>
        </div>
      ) : (
        <form className="form report-form" onSubmit={(e) => void submit(e)} noValidate>
          <p className="muted">{t('dialog.lead')}</p>
          <fieldset
            className="field radio-group"
            aria-invalid={missing && !category}
            aria-describedby={missing && !category ? `${id}-missing` : undefined}
          >
            <legend>{t('dialog.category')}</legend>
            {REPORT_CATEGORIES.map((c) => (
              <div key={c} className="radio-row">
                <input
                  type="radio"
                  id={`${id}-${c}`}
                  name={`${id}-category`}
                  value={c}
                  checked={category === c}
                  onChange={() => setCategory(c)}
                  aria-describedby={c === 'child-personal-data' ? `${id}-${c}-hint` : undefined}
                />
                <label htmlFor={`${id}-${c}`}>{t(`categories.${c}`)}</label>
                {c === 'child-personal-data' && (
                  <p id={`${id}-${c}-hint`} className="hint">
                    {t('categoryHints.child-personal-data')}
                  </p>
                )}
              </div>
            ))}
          </fieldset>
          {missing && !category && (
            <p id={`${id}-missing`} className="form-error" role="alert">
              {t('common:errors.VALIDATION_ERROR')}
            </p>
          )}
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('dialog.note')}</label>
            <textarea
              id={`${id}-note`}
              value={note}
              maxLength={MAX_REPORT_NOTE_LENGTH}
              rows={3}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          <DialogFormFooter
            error={error}
            busy={busy}
            confirmLabel={t('dialog.submit')}
            onCancel={onClose}
          />
        </form>
      )}
    </Dialog>
  );
}
