import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../lib/errors.js';

/** The end of a dialog's form: the server's refusal if any, then confirm and cancel. */
export function DialogFormFooter({
  error,
  busy,
  confirmLabel,
  tone = 'primary',
  onCancel,
}: {
  error: unknown;
  busy: boolean;
  confirmLabel: string;
  tone?: 'primary' | 'danger';
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  return (
    <>
      {error !== null && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      <div className="actions">
        <button type="submit" className={`button ${tone}`} disabled={busy}>
          {confirmLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common:cancel')}
        </button>
      </div>
    </>
  );
}
