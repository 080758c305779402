import { PRIVACY_VERSION_CHANGED, type Language } from '@yhteistyotila/protocol';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-fetch.js';
import { queryKeys } from '../../../lib/query-keys.js';

/*
 * Reading the statement, apart from rendering it (PrivacyStatement.tsx): the join form needs
 * the version it asks consent to, but shows the text only when it changed meanwhile, so it
 * loads the Markdown renderer (about 40 kB compressed) only then. The API client is imported
 * when the statement is asked for, so the form shows before it has arrived (decision 84).
 */

/**
 * The statement in force (or an earlier version) in the UI language; `enabled: false` waits
 * (refetch() still asks).
 */
export function usePrivacyStatement(version?: string, { enabled = true } = {}) {
  const { i18n } = useTranslation();
  const lang = i18n.language as Language;
  return useQuery({
    queryKey: queryKeys.privacy(lang, version),
    // The client (with zod and the schemas) loads with the first ask, not with the page.
    queryFn: async () => (await import('../access-api.js')).accessApi.privacy(lang, version),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** The server refused a consent because the statement was replaced after it was shown. */
export const isPrivacyVersionChanged = (err: unknown): boolean =>
  err instanceof ApiError &&
  err.code === 'CONFLICT' &&
  (err.body.issues ?? []).some((i) => i.code === PRIVACY_VERSION_CHANGED);
