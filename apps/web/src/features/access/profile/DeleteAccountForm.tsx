import { DELETE_MODES, type DeleteMode } from '@yhteistyotila/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../../lib/api.js';
import { accessApi, sessionChanged } from '../access-api.js';
import { TextField } from '../components/TextField.js';
import { FormError } from '../components/FormError.js';
import { useFieldErrors } from '../components/form-errors.js';

/** Irreversible: the password again, a choice about messages, and an explicit confirmation. */
export function DeleteAccountForm() {
  const { t } = useTranslation('access');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [mode, setMode] = useState<DeleteMode>('keep-as-deleted-user');
  const [confirmed, setConfirmed] = useState(false);
  const { errors, setErrors, formProps } = useFieldErrors<'password' | 'confirm'>();
  const [error, setError] = useState<unknown>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Partial<Record<'password' | 'confirm', string>> = {};
    if (!password) found.password = t('validation.required');
    if (!confirmed) found.confirm = t('validation.confirmDelete');
    setErrors(found);
    if (Object.keys(found).length) return;
    setError(null);
    try {
      await accessApi.deleteAccount({ password, mode });
      sessionChanged(queryClient, null);
      void navigate('/', { replace: true, state: { deleted: true } });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'INVALID_CREDENTIALS')
        setErrors({ password: t('profile.wrongPassword') });
      else setError(err);
    }
  };

  return (
    <form {...formProps} onSubmit={(e) => void onSubmit(e)}>
      <fieldset>
        <legend>{t('delete.modeLegend')}</legend>
        {DELETE_MODES.map((m) => (
          <div className="checkbox" key={m}>
            <input
              type="radio"
              id={`delete-${m}`}
              name="delete-mode"
              value={m}
              checked={mode === m}
              onChange={() => setMode(m)}
              aria-describedby={`delete-${m}-hint`}
            />
            <label htmlFor={`delete-${m}`}>
              {t(`delete.modes.${m}.label`)}
              <span id={`delete-${m}-hint`} className="hint block">
                {t(`delete.modes.${m}.hint`)}
              </span>
            </label>
          </div>
        ))}
      </fieldset>
      <TextField
        label={t('fields.currentPassword')}
        required
        error={errors.password}
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onValue={setPassword}
      />
      <div className="field">
        {errors.confirm && (
          <span id="delete-confirm-error" className="error">
            {errors.confirm}
          </span>
        )}
        <div className="checkbox">
          <input
            id="delete-confirm"
            name="confirm"
            type="checkbox"
            checked={confirmed}
            aria-invalid={errors.confirm ? true : undefined}
            aria-describedby={errors.confirm ? 'delete-confirm-error' : undefined}
            onChange={(e) => setConfirmed(e.target.checked)}
          />
          <label htmlFor="delete-confirm">{t('delete.confirm')}</label>
        </div>
      </div>
      <FormError error={error} />
      <div className="actions">
        <button type="submit" className="button danger">
          {t('delete.submit')}
        </button>
      </div>
    </form>
  );
}
