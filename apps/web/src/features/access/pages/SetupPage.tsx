import { type Language } from '@yhteistyotila/protocol';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { ApiError } from '../../../lib/api.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { accessApi, sessionChanged } from '../access-api.js';
import { TextField } from '../components/TextField.js';
import { FormError, useAccessError } from '../components/FormError.js';
import { useFieldErrors } from '../components/form-errors.js';
import { forgetHash, tokenFromHash } from '../../../lib/url-token.js';
import { NewPasswordFields, newPasswordErrors } from '../components/NewPasswordFields.js';

type SetupField = 'name' | 'email' | 'password' | 'confirm' | 'consent';

/** The one-time link printed by `npm start` on an empty database creates the first admin. */
export function SetupPage() {
  const { t, i18n } = useTranslation('access');
  const errorText = useAccessError();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [token] = useState(() => tokenFromHash());
  const check = useQuery({
    queryKey: queryKeys.setupToken(token),
    queryFn: () => accessApi.checkSetupToken(token),
    enabled: token !== '',
    retry: false,
    staleTime: Infinity,
  });
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [pw, setPw] = useState({ password: '', confirm: '' });
  const [consent, setConsent] = useState(false);
  const { errors, setErrors, formProps } = useFieldErrors<SetupField>();
  const [error, setError] = useState<unknown>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Partial<Record<SetupField, string>> = { ...newPasswordErrors(pw, t) };
    if (!name.trim()) found.name = t('validation.required');
    if (!/^\S+@\S+\.\S+$/.test(email.trim()))
      found.email = email.trim() ? t('validation.email') : t('validation.required');
    if (!consent) found.consent = t('validation.consent');
    // Focus goes to the first invalid field in the form's order, whatever the order here.
    setErrors(found);
    if (Object.keys(found).length) return;
    setError(null);
    try {
      const res = await accessApi.setup({
        token,
        name,
        email,
        password: pw.password,
        consent: true,
        language: i18n.language as Language,
      });
      forgetHash();
      sessionChanged(queryClient, res.user);
      void navigate('/moderointi', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'WEAK_PASSWORD')
        setErrors({ password: errorText(err) });
      else setError(err);
    }
  };

  const tokenError: unknown = !token
    ? new ApiError({ code: 'TOKEN_INVALID', message: 'no token' }, 400)
    : check.error;
  return (
    <section className="page narrow">
      <PageTitle>{t('setup.title')}</PageTitle>
      {check.isLoading && <p>{t('common:loading')}</p>}
      {tokenError ? (
        <p className="notice error" role="alert">
          {errorText(tokenError)}
        </p>
      ) : null}
      {check.isSuccess && (
        <>
          <p>{t('setup.lead')}</p>
          <form {...formProps} onSubmit={(e) => void onSubmit(e)}>
            <TextField
              label={t('fields.name')}
              error={errors.name}
              required
              name="name"
              autoComplete="name"
              value={name}
              onValue={setName}
            />
            <TextField
              label={t('fields.email')}
              error={errors.email}
              required
              name="email"
              type="email"
              autoComplete="username"
              value={email}
              onValue={setEmail}
            />
            <NewPasswordFields
              value={pw}
              onChange={setPw}
              errors={errors}
              label={t('fields.password')}
            />
            <div className="field">
              {errors.consent && (
                <span id="setup-consent-error" className="error">
                  {errors.consent}
                </span>
              )}
              <div className="checkbox">
                <input
                  id="setup-consent"
                  name="consent"
                  type="checkbox"
                  checked={consent}
                  aria-invalid={errors.consent ? true : undefined}
                  aria-describedby={errors.consent ? 'setup-consent-error' : undefined}
                  onChange={(e) => setConsent(e.target.checked)}
                />
                <label htmlFor="setup-consent">
                  <Trans
                    t={t}
                    i18nKey="setup.consent"
                    components={{
                      privacy: <a href="/tietosuoja" target="_blank" rel="noopener" />,
                    }}
                  />
                </label>
              </div>
            </div>
            <FormError error={error} />
            <div className="actions">
              <button type="submit" className="button primary">
                {t('setup.submit')}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
