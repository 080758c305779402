import { LANGUAGES, type Language } from '@yhteistyotila/protocol';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { setDisplayTimeZone } from '../../lib/dates.js';
import { changeLanguage, ourLanguage } from '../../lib/i18n.js';
import { queryKeys } from '../../lib/query-keys.js';
import { useSession } from '../../lib/session.js';

/** Language names are written in their own language, as users look for them. */
const NATIVE_NAMES: Record<Language, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };

/**
 * Signed out, the language is this device's (first the browser's, lib/i18n.ts). Signed in, it is
 * the profile's: the app follows it on every device, and a change here is saved there too, so
 * the person's mails come in the language they read.
 */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation('shell');
  const { user } = useSession();
  const queryClient = useQueryClient();
  const profile = useQuery({
    queryKey: queryKeys.myProfile,
    queryFn: () => import('./profile-calls.js').then((calls) => calls.fetchProfile()),
    enabled: Boolean(user),
    staleTime: 5 * 60_000,
  });
  const profileLanguage = user?.language;
  useEffect(() => {
    if (profileLanguage) void changeLanguage(profileLanguage);
  }, [profileLanguage]);
  const timeZone = user ? profile.data?.timeZone : null;
  useEffect(() => setDisplayTimeZone(timeZone), [timeZone]);

  const choose = async (language: Language) => {
    await changeLanguage(language);
    if (!user) return;
    const { saveLanguage } = await import('./profile-calls.js');
    queryClient.setQueryData(queryKeys.myProfile, await saveLanguage(language));
    await queryClient.invalidateQueries({ queryKey: queryKeys.session });
  };

  // On a page served with its content the visitor can pick a language before the app starts
  // (decision 92): at hydration the list shows that pick, so the app follows it.
  const select = useRef<HTMLSelectElement>(null);
  const pickedBeforeStart = useRef(true);
  useLayoutEffect(() => {
    if (!pickedBeforeStart.current) return;
    pickedBeforeStart.current = false;
    const picked = ourLanguage(select.current?.value ?? '');
    if (picked && picked !== i18n.language) void changeLanguage(picked);
  });

  return (
    <label className="language-switcher">
      <span className="visually-hidden">{t('language')}</span>
      <select
        ref={select}
        value={i18n.language}
        onChange={(e) => void choose(e.target.value as Language)}
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
