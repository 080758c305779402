import { passwordResetRequestBodySchema, type Language } from '@yhteistyotila/protocol';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../../app/PageTitle.js';
import { accessApi } from '../access-api.js';
import { TextField } from '../components/TextField.js';
import { FormError } from '../components/FormError.js';
import { useFieldErrors, validate } from '../components/form-errors.js';

/** Always the same answer, whether or not the address has an account (no enumeration). */
export function ForgotPasswordPage() {
  const { t, i18n } = useTranslation('access');
  const [email, setEmail] = useState('');
  const { errors, setErrors, formProps } = useFieldErrors<'email'>();
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validate<'email'>(
      passwordResetRequestBodySchema,
      { email },
      {
        required: t('validation.required'),
        email: t('validation.email'),
      },
    );
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      await accessApi.requestReset(email, i18n.language as Language);
      setSent(true);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="page narrow">
      <PageTitle>{t('forgot.title')}</PageTitle>
      {sent ? (
        <p className="notice success" role="status">
          {t('forgot.sent')}
        </p>
      ) : (
        <>
          <p>{t('forgot.lead')}</p>
          <form {...formProps} onSubmit={(e) => void onSubmit(e)}>
            <TextField
              label={t('fields.email')}
              error={errors.email}
              required
              name="email"
              type="email"
              autoComplete="email"
              inputMode="email"
              value={email}
              onValue={setEmail}
            />
            <FormError error={error} />
            <div className="actions">
              <button type="submit" className="button primary">
                {t('forgot.submit')}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
