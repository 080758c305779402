import type { Language } from '@yhteistyotila/protocol';
import Markdown from 'react-markdown';
import { remarkGfmRead } from '../../lib/remark-gfm-read.js';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../app/PageTitle.js';
import { asLanguage } from '../../lib/i18n.js';
import { FeedbackForm } from './FeedbackForm.js';
import en from './statement/en.md?raw';
import fi from './statement/fi.md?raw';
import sv from './statement/sv.md?raw';

/** The statement's text lives in files (statement/<lang>.md), like the privacy statement. */
const STATEMENTS: Record<Language, string> = { fi, sv, en };

/**
 * The accessibility statement (saavutettavuusseloste) in the reader's language, with the
 * feedback form the law asks for. Open to everyone, signed in or not.
 */
export function AccessibilityPage() {
  const { t, i18n } = useTranslation('accessibility');
  return (
    <section className="page narrow accessibility-statement">
      <PageTitle>{t('title')}</PageTitle>
      {/* The file's own title is left out: the page's h1 already says it. */}
      <Markdown remarkPlugins={[remarkGfmRead]} skipHtml components={{ h1: () => null }}>
        {STATEMENTS[asLanguage(i18n.language)]}
      </Markdown>
      <FeedbackForm />
    </section>
  );
}
