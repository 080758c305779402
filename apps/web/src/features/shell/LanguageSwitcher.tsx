import { LANGUAGES, type Language } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../../lib/i18n.js';

/** Language names are written in their own language, as users look for them. */
const NATIVE_NAMES: Record<Language, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation('shell');
  return (
    <label className="language-switcher">
      <span className="visually-hidden">{t('language')}</span>
      <select
        value={i18n.language}
        onChange={(e) => void changeLanguage(e.target.value as Language)}
      >
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {NATIVE_NAMES[lang]}
          </option>
        ))}
      </select>
    </label>
  );
}
