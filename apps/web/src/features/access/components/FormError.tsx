import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-fetch.js';
import { useErrorMessage } from '../../../lib/errors.js';

/**
 * The translated message for a failed request, with the wait time when rate-limited: in
 * seconds for a short wait, in whole minutes for a lockout ("15 minutes", not "900 seconds").
 */
export function useAccessError() {
  const { t } = useTranslation('access');
  const message = useErrorMessage();
  return (err: unknown): string => {
    const base = message(err);
    const wait = err instanceof ApiError ? err.body.retryAfter : undefined;
    if (!(err instanceof ApiError && err.code === 'RATE_LIMITED' && wait)) return base;
    const after =
      wait > 90
        ? t('retryAfterMinutes', { count: Math.ceil(wait / 60) })
        : t('retryAfter', { count: Math.ceil(wait) });
    return `${base} ${after}`;
  };
}

/**
 * A form-level problem (from the server), announced at once, with an optional hint on what to
 * do about it. Empty keeps the live region in place.
 */
export function FormError({ error, hint }: { error: unknown; hint?: string | undefined }) {
  const text = useAccessError();
  return (
    <div role="alert" className={error ? 'notice error' : undefined}>
      {error ? text(error) : null}
      {error && hint ? <p>{hint}</p> : null}
    </div>
  );
}
