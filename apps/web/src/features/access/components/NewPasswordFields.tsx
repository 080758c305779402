import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@yhteistyotila/protocol';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { TextField } from './TextField.js';

export interface NewPassword {
  password: string;
  confirm: string;
}

/** The rule is shown up front, not only after a failed attempt. */
export function newPasswordErrors(value: NewPassword, t: TFunction<'access'>) {
  const errors: Partial<Record<keyof NewPassword, string>> = {};
  if (value.password.length < PASSWORD_MIN_LENGTH || value.password.length > PASSWORD_MAX_LENGTH)
    errors.password = t('validation.passwordLength', { min: PASSWORD_MIN_LENGTH });
  if (!value.confirm) errors.confirm = t('validation.required');
  else if (value.confirm !== value.password) errors.confirm = t('validation.passwordMismatch');
  return errors;
}

export function NewPasswordFields({
  value,
  onChange,
  errors,
  label,
}: {
  value: NewPassword;
  onChange: (v: NewPassword) => void;
  errors: Partial<Record<keyof NewPassword, string>>;
  label?: string;
}) {
  const { t } = useTranslation('access');
  return (
    <>
      <TextField
        label={label ?? t('fields.newPassword')}
        hint={t('password.rule', { min: PASSWORD_MIN_LENGTH })}
        error={errors.password}
        required
        name="password"
        type="password"
        autoComplete="new-password"
        value={value.password}
        onValue={(v) => onChange({ ...value, password: v })}
      />
      <TextField
        label={t('fields.confirmPassword')}
        error={errors.confirm}
        required
        name="confirm"
        type="password"
        autoComplete="new-password"
        value={value.confirm}
        onValue={(v) => onChange({ ...value, confirm: v })}
      />
    </>
  );
}
