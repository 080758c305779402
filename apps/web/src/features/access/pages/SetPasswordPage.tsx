import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { ApiError } from '../../../lib/api.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { accessApi, sessionChanged } from '../access-api.js';
import { FormError, useAccessError } from '../components/FormError.js';
import { useFieldErrors } from '../components/form-errors.js';
import { forgetHash, tokenFromHash } from '../../../lib/url-token.js';
import {
  NewPasswordFields,
  newPasswordErrors,
  type NewPassword,
} from '../components/NewPasswordFields.js';

/** From the approval mail (first password) or a reset mail; signs the person in. */
export function SetPasswordPage() {
  const { t } = useTranslation('access');
  const errorText = useAccessError();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [token] = useState(() => tokenFromHash());
  const info = useQuery({
    queryKey: queryKeys.passwordToken(token),
    queryFn: () => accessApi.checkPasswordToken(token),
    enabled: token !== '',
    retry: false,
    staleTime: Infinity,
  });
  const [value, setValue] = useState<NewPassword>({ password: '', confirm: '' });
  const { errors, setErrors, formProps } = useFieldErrors<keyof NewPassword>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const found = newPasswordErrors(value, t);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setError(null);
    try {
      const res = await accessApi.setPassword(token, value.password);
      forgetHash();
      sessionChanged(queryClient, res.user);
      void navigate('/', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'WEAK_PASSWORD')
        setErrors({ password: errorText(err) });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const tokenError: unknown = !token
    ? new ApiError({ code: 'TOKEN_INVALID', message: 'no token' }, 400)
    : info.error;
  const reset = info.data?.purpose === 'reset-password';
  return (
    <section className="page narrow">
      <PageTitle>{reset ? t('password.resetTitle') : t('password.title')}</PageTitle>
      {info.isLoading && <p>{t('common:loading')}</p>}
      {tokenError ? (
        <div className="notice error" role="alert">
          <p>{errorText(tokenError)}</p>
          <p>
            <Link to="/salasana/unohtui">{t('forgot.link')}</Link>
          </p>
        </div>
      ) : null}
      {info.data && (
        <>
          <p>{reset ? t('password.resetLead') : t('password.lead')}</p>
          <form {...formProps} onSubmit={(e) => void onSubmit(e)}>
            <NewPasswordFields value={value} onChange={setValue} errors={errors} />
            <FormError error={error} />
            <div className="actions">
              <button type="submit" className="button primary" disabled={busy}>
                {t('password.submit')}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
