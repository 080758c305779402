import Markdown from 'react-markdown';
import { remarkGfmRead } from '../../../lib/remark-gfm-read.js';
import { useTranslation } from 'react-i18next';
import { useAccessError } from './FormError.js';
import { usePrivacyStatement } from './privacy-statement-query.js';

/**
 * A statement's Markdown, the one renderer of statements (shown, accepted, previewed): raw HTML
 * is dropped (skipHtml). The text's own title is left out: the page's h1 already says it, and
 * a page has one h1.
 */
export function StatementMarkdown({ markdown }: { markdown: string }) {
  return (
    <Markdown remarkPlugins={[remarkGfmRead]} skipHtml components={{ h1: () => null }}>
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
