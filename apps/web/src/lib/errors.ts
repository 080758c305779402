import type { ErrorCode } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.js';

/** Translates any thrown error into the user's language via its stable code. */
export function useErrorMessage() {
  const { t } = useTranslation('common');
  return (err: unknown): string => {
    const code: ErrorCode = err instanceof ApiError ? err.code : 'INTERNAL';
    return t(`errors.${code}`);
  };
}
