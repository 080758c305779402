import { PRIVACY_VERSION_CHANGED, type Language } from '@yhteistyotila/protocol';
import { useQuery } from '@tanstack/react-query';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { accessApi } from '../access-api.js';
import { useAccessError } from './FormError.js';

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

/**
 * A statement's Markdown, the one renderer of statements (shown, accepted, previewed): raw HTML
 * is dropped (skipHtml). The text's own title is left out: the page's h1 already says it, and
 * a page has one h1.
 */
export function StatementMarkdown({ markdown }: { markdown: string }) {
  return (
    <Markdown remarkPlugins={[remarkGfm]} skipHtml components={{ h1: () => null }}>
      {markdown}
    </Markdown>
  );
}

/** The statement (the one in force, or `version`) in the UI language. */
export function PrivacyStatement({ version }: { version?: string | undefined }) {
  const { t, i18n } = useTranslation('access');
  const errorText = useAccessError();
  const { data, error, isLoading } = usePrivacyStatement(version);
  if (isLoading) return <p>{t('common:loading')}</p>;
  if (error || !data) return <p className="notice error">{errorText(error)}</p>;
  return (
    <article className="privacy-statement">
      <p className="hint">
        {t('privacy.version', { version: data.version })}
        {data.language !== i18n.language && ` ${t('privacy.otherLanguage')}`}
      </p>
      <StatementMarkdown markdown={data.markdown} />
    </article>
  );
}
