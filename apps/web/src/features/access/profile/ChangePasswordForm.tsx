import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { accessApi, sessionChanged } from '../access-api.js';
import { TextField } from '../components/TextField.js';
import { FormError, useAccessError } from '../components/FormError.js';
import { useFieldErrors } from '../components/form-errors.js';
import { NewPasswordFields, newPasswordErrors } from '../components/NewPasswordFields.js';

/** Changing the password ends every other session; this one continues with a new cookie. */
export function ChangePasswordForm() {
  const { t } = useTranslation('access');
  const errorText = useAccessError();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [pw, setPw] = useState({ password: '', confirm: '' });
  const { errors, setErrors, formProps } = useFieldErrors<'current' | 'password' | 'confirm'>();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const found: Partial<Record<'current' | 'password' | 'confirm', string>> = newPasswordErrors(
      pw,
      t,
    );
    if (!current) found.current = t('validation.required');
    setErrors(found);
    if (Object.keys(found).length) return;
    setError(null);
    try {
      const res = await accessApi.changePassword(current, pw.password);
      sessionChanged(queryClient, res.user);
      void queryClient.invalidateQueries({ queryKey: queryKeys.mySessions });
      setCurrent('');
      setPw({ password: '', confirm: '' });
      setDone(true);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'WEAK_PASSWORD')
        setErrors({ password: errorText(err) });
      else if (err instanceof ApiError && err.code === 'INVALID_CREDENTIALS')
        setErrors({ current: t('profile.wrongPassword') });
      else setError(err);
    }
  };

  return (
    <form {...formProps} onSubmit={(e) => void onSubmit(e)}>
      <TextField
        label={t('fields.currentPassword')}
        required
        error={errors.current}
        name="current"
        type="password"
        autoComplete="current-password"
        value={current}
        onValue={setCurrent}
      />
      <NewPasswordFields value={pw} onChange={setPw} errors={errors} />
      <p className="hint">{t('profile.passwordSessions')}</p>
      <FormError error={error} />
      <div role="status">
        {done && <p className="notice success">{t('profile.passwordChanged')}</p>}
      </div>
      <div className="actions">
        <button type="submit" className="button">
          {t('profile.changePassword')}
        </button>
      </div>
    </form>
  );
}
