import {
  LANGUAGES,
  PRIVACY_TEXT_MAX,
  PRIVACY_VERSION_EXISTS,
  can,
  publishPrivacyVersionBodySchema,
  type Language,
} from '@yhteistyotila/protocol';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { ApiError } from '../../../lib/api.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { useSession } from '../../../lib/session.js';
import { accessApi } from '../../access/access-api.js';
import { Field } from '../../access/components/Field.js';
import { FormError } from '../../access/components/FormError.js';
import { StatementMarkdown } from '../../access/components/PrivacyStatement.js';
import { privacyApi } from '../privacy-api.js';
import { freeVersionId } from '../version-id.js';
import '../privacy.css';

type FieldName = 'version' | Language;
type Errors = Partial<Record<FieldName, string>>;
const emptyTexts = (): Record<Language, string> => ({ fi: '', sv: '', en: '' });

/** Issue paths of the protocol ("version", "texts.sv") as the form's fields. */
const fieldOf = (path: string): FieldName | undefined => {
  if (path === 'version') return 'version';
  const lang = path.replace(/^texts\./, '');
  return (LANGUAGES as readonly string[]).includes(lang) ? (lang as Language) : undefined;
};

/**
 * Admins: a new privacy statement in fi, sv and en (Markdown, previewed with the renderer that
 * shows statements), published after a confirmation. Publishing asks everyone, the admin
 * included, to read and accept it before going on.
 */
export function PublishPrivacyPage() {
  const { t } = useTranslation('privacy');
  const { user, isLoading } = useSession();
  const queryClient = useQueryClient();
  const versions = useQuery({
    queryKey: queryKeys.privacyVersions,
    queryFn: privacyApi.versions,
  });
  const [edited, setVersion] = useState<string | null>(null);
  // Until the admin types one, the suggestion is a free id (the statement in force has today's).
  const version = edited ?? freeVersionId(versions.data?.versions.map((v) => v.version) ?? []);
  const [texts, setTexts] = useState(emptyTexts);
  const [previews, setPreviews] = useState<Partial<Record<Language, boolean>>>({});
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to="/kirjaudu" replace />;
  if (!can('privacy.publish', { role: user.role }))
    return (
      <section className="page narrow">
        <PageTitle>{t('publish.title')}</PageTitle>
        <p className="notice">{t('publish.adminsOnly')}</p>
      </section>
    );

  const messageFor = (field: FieldName, code: string) =>
    field === 'version'
      ? t(code === PRIVACY_VERSION_EXISTS ? 'publish.errors.exists' : 'publish.errors.version')
      : t(code === 'too_big' ? 'publish.errors.tooLong' : 'publish.errors.empty', {
          language: t(`languages.${field}`),
          max: PRIVACY_TEXT_MAX,
        });

  const showIssues = (issues: { path: string; code: string }[]) => {
    const found: Errors = {};
    for (const issue of issues) {
      const field = fieldOf(issue.path);
      if (field && !found[field]) found[field] = messageFor(field, issue.code);
    }
    setErrors(found);
    const first = (['version', ...LANGUAGES] as FieldName[]).find((f) => found[f]);
    if (first) document.querySelector<HTMLElement>(`.publish-privacy [name="${first}"]`)?.focus();
    return Object.keys(found).length > 0;
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const parsed = publishPrivacyVersionBodySchema.safeParse({ version, texts });
    if (!parsed.success) {
      showIssues(parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code })));
      return;
    }
    setErrors({});
    setConfirming(true);
  };

  const publish = async () => {
    setBusy(true);
    try {
      await privacyApi.publish({ version, texts });
      // Everyone, this admin too, now accepts the new text: the session says so.
      void queryClient.invalidateQueries({ queryKey: queryKeys.session });
      void queryClient.invalidateQueries({ queryKey: queryKeys.privacyAll });
    } catch (err) {
      setConfirming(false);
      if (!(err instanceof ApiError && showIssues(err.body.issues ?? []))) setError(err);
    } finally {
      setBusy(false);
    }
  };

  /** Starts from the statement in force (as shown, with the controller's details filled in). */
  const copyCurrent = async () => {
    setError(null);
    try {
      const current = await Promise.all(LANGUAGES.map((lang) => accessApi.privacy(lang)));
      setTexts(
        Object.fromEntries(current.map((s) => [s.language, s.markdown])) as Record<
          Language,
          string
        >,
      );
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="page narrow publish-privacy">
      <PageTitle>{t('publish.title')}</PageTitle>
      <p className="lead">{t('publish.lead')}</p>
      <form className="form" noValidate onSubmit={onSubmit}>
        <Field
          label={t('publish.version')}
          hint={t('publish.versionHint')}
          error={errors.version}
          required
          inputProps={{
            name: 'version',
            value: version,
            onChange: (e) => setVersion(e.target.value),
            autoComplete: 'off',
            disabled: confirming,
          }}
        />
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={confirming}
            onClick={() => void copyCurrent()}
          >
            {t('publish.copyCurrent')}
          </button>
        </div>
        {LANGUAGES.map((lang) => {
          const previewId = `privacy-preview-${lang}`;
          return (
            <fieldset key={lang} className="statement-language" lang={lang}>
              <legend>{t(`legends.${lang}`)}</legend>
              <Field
                label={t('publish.text', { language: t(`languages.${lang}`) })}
                hint={t('publish.textHint')}
                error={errors[lang]}
                required
                multiline
                textareaProps={{
                  name: lang,
                  rows: 10,
                  value: texts[lang],
                  maxLength: PRIVACY_TEXT_MAX,
                  onChange: (e) => setTexts((all) => ({ ...all, [lang]: e.target.value })),
                  disabled: confirming,
                }}
              />
              <button
                type="button"
                className="button"
                aria-expanded={Boolean(previews[lang])}
                aria-controls={previewId}
                onClick={() => setPreviews((p) => ({ ...p, [lang]: !p[lang] }))}
              >
                {t(previews[lang] ? 'publish.hidePreview' : 'publish.showPreview', {
                  language: t(`languages.${lang}`),
                })}
              </button>
              <div id={previewId} hidden={!previews[lang]}>
                {previews[lang] && (
                  <article
                    className="card privacy-statement preview"
                    aria-label={t('publish.preview', { language: t(`languages.${lang}`) })}
                  >
                    {texts[lang].trim() ? (
                      <StatementMarkdown markdown={texts[lang]} />
                    ) : (
                      <p className="hint">{t('publish.previewEmpty')}</p>
                    )}
                  </article>
                )}
              </div>
            </fieldset>
          );
        })}
        <FormError error={error} />
        {!confirming && (
          <div className="actions">
            <button type="submit" className="button primary">
              {t('publish.submit')}
            </button>
          </div>
        )}
      </form>
      {confirming && (
        <div
          className="card confirm"
          role="alertdialog"
          aria-labelledby="publish-confirm-title"
          aria-describedby="publish-confirm-text"
        >
          <h2 id="publish-confirm-title">{t('publish.confirmTitle', { version })}</h2>
          <p id="publish-confirm-text">{t('publish.confirmText')}</p>
          <div className="actions">
            <button
              ref={confirmRef}
              type="button"
              className="button primary"
              disabled={busy}
              onClick={() => void publish()}
            >
              {t('publish.confirm')}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => setConfirming(false)}
            >
              {t('publish.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
