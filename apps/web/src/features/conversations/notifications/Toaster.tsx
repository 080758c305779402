import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dismissToast, useToasts } from '../../../lib/toasts.js';

/** Mentions and DMs from other conversations. The region exists from the start so screen readers announce additions. */
export function Toaster() {
  const { t } = useTranslation('conversations');
  const toasts = useToasts();
  return (
    <div
      className="toaster"
      role="status"
      aria-live="polite"
      aria-label={t('notifications.region')}
    >
      {toasts.map((toast) => (
        <div key={toast.id} className="toast">
          <Link to={toast.to} onClick={() => dismissToast(toast.id)} className="toast-link">
            <strong>{toast.title}</strong>
            <span className="toast-body">{toast.body}</span>
          </Link>
          <button
            type="button"
            className="icon-button"
            onClick={() => dismissToast(toast.id)}
            aria-label={t('common:close')}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
