import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api.js';
import { useErrorMessage } from '../../../lib/errors.js';

/** The translated message for a failed request, with the wait time when rate-limited. */
export function useAccessError() {
  const { t } = useTranslation('access');
  const message = useErrorMessage();
  return (err: unknown): string => {
    const base = message(err);
    const wait = err instanceof ApiError ? err.body.retryAfter : undefined;
    return err instanceof ApiError && err.code === 'RATE_LIMITED' && wait
      ? `${base} ${t('retryAfter', { count: Math.ceil(wait) })}`
      : base;
  };
}

/** A form-level problem (from the server), announced at once. Empty keeps the live region in place. */
export function FormError({ error }: { error: unknown }) {
  const text = useAccessError();
  return (
    <div role="alert" className={error ? 'notice error' : undefined}>
      {error ? text(error) : null}
    </div>
  );
}
