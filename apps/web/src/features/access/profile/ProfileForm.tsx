import {
  INTRODUCTION_MAX,
  LANGUAGES,
  profileUpdateBodySchema,
  type Language,
  type Profile,
} from '@yhteistyotila/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { setDisplayTimeZone } from '../../../lib/dates.js';
import { changeLanguage } from '../../../lib/i18n.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { accessApi } from '../access-api.js';
import { Field } from '../components/Field.js';
import { TextField } from '../components/TextField.js';
import { FormError } from '../components/FormError.js';
import { useFieldErrors, validate } from '../components/form-errors.js';
import { MunicipalityPicker } from '../components/MunicipalityPicker.js';

const NATIVE_NAMES: Record<Language, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };
type ProfileField =
  | 'name'
  | 'municipalityCode'
  | 'association'
  | 'parentRole'
  | 'introduction'
  | 'language'
  | 'timeZone';

/** Every zone the browser knows, the person's own first if it is not among them. */
const timeZones = (current: string): string[] => {
  const known = Intl.supportedValuesOf('timeZone');
  return known.includes(current) ? known : [current, ...known];
};

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
    introduction: profile.introduction,
    language: profile.language,
    timeZone: profile.timeZone,
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
      setDisplayTimeZone(next.timeZone);
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
      <Field
        label={t('fields.introduction')}
        hint={t('profile.introductionHint')}
        error={errors.introduction}
        multiline
        textareaProps={{
          name: 'introduction',
          rows: 3,
          maxLength: INTRODUCTION_MAX,
          value: values.introduction,
          onChange: (e) => set('introduction', e.target.value),
        }}
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
      <div className="field">
        <label htmlFor="profile-time-zone">{t('fields.timeZone')}</label>
        <select
          id="profile-time-zone"
          name="timeZone"
          value={values.timeZone}
          onChange={(e) => set('timeZone', e.target.value)}
        >
          {timeZones(values.timeZone).map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll('_', ' ')}
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
