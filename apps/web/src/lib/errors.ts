import type { ErrorCode } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api-fetch.js';
import { formatDateTime } from './dates.js';

/** Translates any thrown error into the user's language via its stable code. */
export function useErrorMessage() {
  const { t, i18n } = useTranslation('common');
  return (err: unknown): string => {
    const code: ErrorCode = err instanceof ApiError ? err.code : 'INTERNAL';
    // A mute says until when: the server sends the seconds left (retryAfter).
    const wait = err instanceof ApiError ? err.body.retryAfter : undefined;
    if (code === 'MUTED' && wait !== undefined) {
      const until = formatDateTime(new Date(Date.now() + wait * 1000), i18n.language);
      return t('errors.MUTED_until', { until });
    }
    // A field's own reason where one is written (`issues.<path>.<code>`), else the code's.
    const issues = err instanceof ApiError ? (err.body.issues ?? []) : [];
    const known = issues
      .map((i) => `issues.${i.path}.${i.code}`)
      .find((key) => i18n.exists(key, { ns: 'common' }));
    // Keys found at run time: the typed keys cannot name them.
    return known ? t(known as never) : t(`errors.${code}`);
  };
}
