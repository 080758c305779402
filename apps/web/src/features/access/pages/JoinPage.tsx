import { JOIN_REJECTED_WAIT, type Language } from '@yhteistyotila/protocol';
import {
  Suspense,
  lazy,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type FormEvent,
} from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { ApiError } from '../../../lib/api-fetch.js';
import { formatDate } from '../../../lib/dates.js';
import { typedBeforeStart, useHydrated } from '../../../lib/hydrated.js';
import { Field } from '../components/Field.js';
import { TextField } from '../components/TextField.js';
import { FormError } from '../components/FormError.js';
import { useFieldErrors } from '../components/form-errors.js';
import { MunicipalityPicker } from '../components/MunicipalityPicker.js';
import {
  isPrivacyVersionChanged,
  usePrivacyStatement,
} from '../components/privacy-statement-query.js';
import '../access.css';

const EMPTY = {
  name: '',
  email: '',
  municipalityCode: '',
  association: '',
  parentRole: '',
  motivation: '',
  consent: false,
  website: '',
};
type JoinField = keyof typeof EMPTY;
/** The fields whose DOM value is the state's (the municipality's input shows a name). */
const TYPED_FIELDS = Object.keys(EMPTY).filter((k) => k !== 'municipalityCode');

/** A recently rejected address: the day it may ask again (the answer says in how many seconds). */
function rejectedWaitEnds(err: unknown): Date | null {
  if (!(err instanceof ApiError)) return null;
  if (!(err.body.issues ?? []).some((i) => i.code === JOIN_REJECTED_WAIT)) return null;
  return new Date(Date.now() + (err.body.retryAfter ?? 0) * 1000);
}
// Shown only when the statement changed while the form was open (see privacy-statement-query).
const PrivacyStatement = lazy(async () => ({
  default: (await import('../components/PrivacyStatement.js')).PrivacyStatement,
}));

/** The schema and the client, loaded when the form is first touched (join-submit.ts). */
const loadSubmit = () => import('../join-submit.js');

export function JoinPage() {
  const { t, i18n } = useTranslation('access');
  const [values, setValues] = useState(EMPTY);
  const { errors, setErrors, formRef, formProps } = useFieldErrors<JoinField>();
  const [serverError, setServerError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  // The form may be served with the page (decision 87): what was typed before the app started
  // becomes the state, and the button sends only once the app's handler would.
  const hydrated = useHydrated();
  useLayoutEffect(() => {
    const typed = typedBeforeStart(formRef.current, TYPED_FIELDS);
    if (Object.keys(typed).length) setValues((v) => ({ ...v, ...typed }));
  }, [formRef]);
  // The consent is to the statement version in force when the person began to fill the form
  // (asked then, with the rest of what sending needs: decision 84); if it is replaced meanwhile,
  // the server refuses and the page shows the new text and asks again (counted: each time
  // refocuses).
  const [began, setBegan] = useState(false);
  const statement = usePrivacyStatement(undefined, { enabled: began });
  const [statementChanged, setStatementChanged] = useState(0);
  const changedRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (statementChanged) changedRef.current?.focus();
  }, [statementChanged]);

  const set = <K extends JoinField>(key: K, value: (typeof EMPTY)[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  // One send at a time: a second click while the rules are still arriving sends nothing.
  const sending = useRef(false);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (sending.current) return;
    sending.current = true;
    const body = { ...values, language: i18n.language as Language };
    setBusy(true);
    setServerError(null);
    try {
      // Loaded at the form's first focus; a failed load is said like any failed request.
      const { joinFieldErrors, sendJoinRequest } = await loadSubmit().catch(() => {
        throw new ApiError({ code: 'UNAVAILABLE', message: 'join form code' }, 0);
      });
      const found = joinFieldErrors<JoinField>(body, {
        required: t('validation.required'),
        email: t('validation.email'),
        municipalityCode: t('validation.municipality'),
        consent: t('validation.consent'),
      });
      setErrors(found);
      if (Object.keys(found).length) return;
      // Asked when the form took focus; a submit without that (or after a failed ask) asks now,
      // joining an ask still on its way.
      const asked = statement.data ? statement : await statement.refetch({ cancelRefetch: false });
      const privacyVersion = asked.data?.version;
      if (!privacyVersion) {
        setServerError(
          asked.error ?? new ApiError({ code: 'UNAVAILABLE', message: 'no statement' }, 0),
        );
        return;
      }
      await sendJoinRequest(body, privacyVersion);
      setSentTo(values.email.trim());
    } catch (err) {
      const waitEnds = rejectedWaitEnds(err);
      if (isPrivacyVersionChanged(err)) {
        await statement.refetch();
        set('consent', false);
        setStatementChanged((n) => n + 1);
      } else if (waitEnds) {
        setErrors({
          email: t('join.rejectedWait', { date: formatDate(waitEnds, i18n.language) }),
        });
      } else setServerError(err);
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  if (sentTo) {
    return (
      <section className="page narrow">
        <PageTitle>{t('join.sent.title')}</PageTitle>
        <div className="notice success">
          <p>{t('join.sent.body', { email: sentTo })}</p>
        </div>
        <ol className="steps">
          <li>{t('join.sent.step1')}</li>
          <li>{t('join.sent.step2')}</li>
          <li>{t('join.sent.step3')}</li>
        </ol>
        <p className="hint">{t('join.sent.noMail')}</p>
      </section>
    );
  }

  const req = t('required');
  const opt = t('optional');
  return (
    <section className="page narrow">
      <PageTitle>{t('join.title')}</PageTitle>
      <p className="lead">{t('join.lead')}</p>
      <p className="notice">
        <Trans
          t={t}
          i18nKey="join.readPrivacyFirst"
          components={{ privacy: <Link to="/tietosuoja" /> }}
        />
      </p>
      <form
        {...formProps}
        onFocus={() => {
          setBegan(true);
          void loadSubmit();
        }}
        onSubmit={(e) => void onSubmit(e)}
      >
        <TextField
          label={t('fields.name')}
          marker={req}
          required
          error={errors.name}
          name="name"
          autoComplete="name"
          value={values.name}
          onValue={(v) => set('name', v)}
        />
        <TextField
          label={t('fields.email')}
          marker={req}
          required
          hint={t('join.emailHint')}
          error={errors.email}
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          value={values.email}
          onValue={(v) => set('email', v)}
        />
        <MunicipalityPicker
          name="municipalityCode"
          label={t('fields.municipality')}
          marker={req}
          required
          value={values.municipalityCode}
          onChange={(code) => set('municipalityCode', code)}
          error={errors.municipalityCode}
        />
        <TextField
          label={t('fields.association')}
          marker={opt}
          hint={t('join.associationHint')}
          error={errors.association}
          name="association"
          autoComplete="organization"
          value={values.association}
          onValue={(v) => set('association', v)}
        />
        <TextField
          label={t('fields.parentRole')}
          marker={opt}
          hint={t('join.parentRoleHint')}
          error={errors.parentRole}
          name="parentRole"
          autoComplete="organization-title"
          value={values.parentRole}
          onValue={(v) => set('parentRole', v)}
        />
        <Field
          label={t('fields.motivation')}
          marker={opt}
          multiline
          error={errors.motivation}
          textareaProps={{
            name: 'motivation',
            rows: 4,
            value: values.motivation,
            onChange: (e) => set('motivation', e.target.value),
          }}
        />

        {/* Honeypot: off-screen and hidden from assistive technology; people never meet it, bots fill it. */}
        <div className="hp" aria-hidden="true">
          <label htmlFor="join-website">{t('join.honeypot')}</label>
          <input
            id="join-website"
            name="website"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            value={values.website}
            onChange={(e) => set('website', e.target.value)}
          />
        </div>

        {statementChanged > 0 && (
          <>
            <p className="notice" role="alert" tabIndex={-1} ref={changedRef}>
              {t('join.privacyChanged')}
            </p>
            <div
              className="card scroll-box"
              role="region"
              aria-label={t('privacy.title')}
              tabIndex={0}
            >
              <Suspense fallback={<p>{t('common:loading')}</p>}>
                <PrivacyStatement />
              </Suspense>
            </div>
          </>
        )}
        <div className="field">
          {errors.consent && (
            <span id="join-consent-error" className="error">
              {errors.consent}
            </span>
          )}
          <div className="checkbox">
            <input
              id="join-consent"
              name="consent"
              type="checkbox"
              checked={values.consent}
              aria-invalid={errors.consent ? true : undefined}
              aria-describedby={errors.consent ? 'join-consent-error' : undefined}
              aria-required="true"
              onChange={(e) => set('consent', e.target.checked)}
            />
            <label htmlFor="join-consent">
              <Trans
                t={t}
                i18nKey="join.consent"
                components={{ privacy: <a href="/tietosuoja" target="_blank" rel="noopener" /> }}
              />{' '}
              <span className="field-marker">{req}</span>
            </label>
          </div>
        </div>

        <FormError error={serverError} />
        {/* The served form (decision 87) without scripts: say why it cannot be sent. */}
        <noscript>
          <p className="notice">{t('join.needsJavaScript')}</p>
        </noscript>
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy || !hydrated}>
            {busy ? t('join.sending') : t('join.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
