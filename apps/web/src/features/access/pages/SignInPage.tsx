import { signInBodySchema } from '@yhteistyotila/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { ApiError } from '../../../lib/api.js';
import { accessApi, sessionChanged } from '../access-api.js';
import { TextField } from '../components/TextField.js';
import { FormError } from '../components/FormError.js';
import { forgetSessionEnded } from '../../../lib/session-ended.js';
import { SessionEndedNotice } from '../components/SessionEndedNotice.js';
import { useFieldErrors, validate } from '../components/form-errors.js';

/** Only same-site paths: an address in ?next= must never send the person elsewhere. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { t } = useTranslation('access');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { errors, setErrors, formProps } = useFieldErrors<'email' | 'password'>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validate<'email' | 'password'>(
      signInBodySchema,
      { email, password },
      {
        required: t('validation.required'),
        email: t('validation.email'),
      },
    );
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setError(null);
    try {
      const res = await accessApi.signIn({ email, password });
      sessionChanged(queryClient, res.user);
      forgetSessionEnded();
      void navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      setError(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page narrow">
      <PageTitle>{t('signIn.title')}</PageTitle>
      <SessionEndedNotice />
      <form {...formProps} onSubmit={(e) => void onSubmit(e)}>
        <TextField
          label={t('fields.email')}
          error={errors.email}
          required
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          value={email}
          onValue={setEmail}
        />
        <TextField
          label={t('fields.password')}
          error={errors.password}
          required
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
        />
        <FormError
          error={error}
          // Locked out here: the owner's own devices and a reset link still work.
          hint={
            error instanceof ApiError && error.code === 'RATE_LIMITED'
              ? t('signIn.lockedHint')
              : undefined
          }
        />
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy}>
            {t('signIn.submit')}
          </button>
        </div>
      </form>
      <p>
        <Link to="/salasana/unohtui">{t('forgot.link')}</Link>
      </p>
      <p>
        {t('signIn.noAccount')} <Link to="/liity">{t('join.title')}</Link>
      </p>
    </section>
  );
}
