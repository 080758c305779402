import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../lib/errors.js';

/**
 * The end of a dialog's form: the server's refusal if any, then confirm, any further actions
 * (`children`, e.g. taking a stamp away) and cancel. `incomplete` keeps confirm disabled while
 * the form cannot be sent yet.
 */
export function DialogFormFooter({
  error,
  busy,
  incomplete = false,
  confirmLabel,
  tone = 'primary',
  onCancel,
  children,
}: {
  error: unknown;
  busy: boolean;
  incomplete?: boolean;
  confirmLabel: string;
  tone?: 'primary' | 'danger';
  onCancel: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  return (
    <>
      {error != null && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      <div className="actions">
        <button type="submit" className={`button ${tone}`} disabled={busy || incomplete}>
          {confirmLabel}
        </button>
        {children}
        <button type="button" className="button" onClick={onCancel}>
          {t('common:cancel')}
        </button>
      </div>
    </>
  );
}
