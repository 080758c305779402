import {
  LANGUAGES,
  profileUpdateBodySchema,
  type Language,
  type Profile,
} from '@yhteistyotila/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../../../lib/i18n.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { accessApi } from '../access-api.js';
import { Field } from '../components/Field.js';
import { TextField } from '../components/TextField.js';
import { FormError } from '../components/FormError.js';
import { useFieldErrors, validate } from '../components/form-errors.js';
import { MunicipalityPicker } from '../components/MunicipalityPicker.js';

const NATIVE_NAMES: Record<Language, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };
type ProfileField = 'name' | 'municipalityCode' | 'association' | 'parentRole' | 'language';

export function ProfileForm({
  profile,
  onSaved,
}: {
  profile: Profile;
  onSaved: (p: Profile) => void;
}) {
  const { t } = useTranslation('access');
  const queryClient = useQueryClient();
  const [values, setValues] = useState({
    name: profile.name,
    municipalityCode: profile.municipalityCode ?? '',
    association: profile.association,
    parentRole: profile.parentRole,
    language: profile.language,
  });
  const { errors, setErrors, formProps } = useFieldErrors<ProfileField>();
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const set = <K extends ProfileField>(k: K, v: (typeof values)[K]) => {
    setSaved(false);
    setValues((s) => ({ ...s, [k]: v }));
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    // Accounts made without a municipality (the first admin) may keep it empty.
    const body = { ...values, municipalityCode: values.municipalityCode || undefined };
    const found = validate<ProfileField>(profileUpdateBodySchema, body, {
      required: t('validation.required'),
      municipalityCode: t('validation.municipality'),
    });
    setErrors(found);
    if (Object.keys(found).length) return;
    setError(null);
    try {
      const next = await accessApi.updateProfile(body);
      onSaved(next);
      setSaved(true);
      if (next.language !== profile.language) await changeLanguage(next.language);
      void queryClient.invalidateQueries({ queryKey: queryKeys.session });
    } catch (err) {
      setError(err);
    }
  };

  return (
    <form {...formProps} onSubmit={(e) => void onSubmit(e)}>
      <TextField
        label={t('fields.name')}
        required
        error={errors.name}
        name="name"
        autoComplete="name"
        value={values.name}
        onValue={(v) => set('name', v)}
      />
      <Field
        label={t('fields.email')}
        hint={t('profile.emailHint')}
        inputProps={{ type: 'email', value: profile.email, readOnly: true }}
      />
      <MunicipalityPicker
        name="municipalityCode"
        label={t('fields.municipality')}
        value={values.municipalityCode}
        onChange={(code) => set('municipalityCode', code)}
        error={errors.municipalityCode}
      />
      <TextField
        label={t('fields.association')}
        error={errors.association}
        name="association"
        value={values.association}
        onValue={(v) => set('association', v)}
      />
      <TextField
        label={t('fields.parentRole')}
        error={errors.parentRole}
        name="parentRole"
        value={values.parentRole}
        onValue={(v) => set('parentRole', v)}
      />
      <div className="field">
        <label htmlFor="profile-language">{t('fields.language')}</label>
        <select
          id="profile-language"
          name="language"
          value={values.language}
          onChange={(e) => set('language', e.target.value as Language)}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {NATIVE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
      <FormError error={error} />
      <div role="status">{saved && <p className="notice success">{t('profile.saved')}</p>}</div>
      <div className="actions">
        <button type="submit" className="button primary">
          {t('common:save')}
        </button>
      </div>
    </form>
  );
}
