import { PRIVACY_VERSION_CHANGED, type Language } from '@yhteistyotila/protocol';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { accessApi } from '../access-api.js';

/*
 * Reading the statement, apart from rendering it (PrivacyStatement.tsx): the join form needs
 * the version it asks consent to, but shows the text only when it changed meanwhile, so it
 * loads the Markdown renderer (about 40 kB compressed) only then.
 */

/** The statement in force (or an earlier version) in the UI language. */
export function usePrivacyStatement(version?: string) {
  const { i18n } = useTranslation();
  const lang = i18n.language as Language;
  return useQuery({
    queryKey: queryKeys.privacy(lang, version),
    queryFn: () => accessApi.privacy(lang, version),
    staleTime: 5 * 60_000,
  });
}

/** The server refused a consent because the statement was replaced after it was shown. */
export const isPrivacyVersionChanged = (err: unknown): boolean =>
  err instanceof ApiError &&
  err.code === 'CONFLICT' &&
  (err.body.issues ?? []).some((i) => i.code === PRIVACY_VERSION_CHANGED);
