import type { Language } from '@yhteistyotila/protocol';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { queryKeys } from '../../../lib/query-keys.js';
import { useSession } from '../../../lib/session.js';
import { StatementMarkdown } from '../../access/components/PrivacyStatement.js';
import { privacyApi } from '../privacy-api.js';
import '../privacy.css';
import { formatDate } from '../../../lib/dates.js';

const dateOf = (iso: string, lang: string) => formatDate(iso, lang);

/** "You accepted version X on <date>", with that very text in the UI language. */
export function MyAcceptedVersion() {
  const { t, i18n } = useTranslation('privacy');
  const { user } = useSession();
  const lang = i18n.language as Language;
  const { data } = useQuery({
    queryKey: queryKeys.myPrivacyConsent(lang),
    queryFn: () => privacyApi.myConsent(lang),
    enabled: Boolean(user),
  });
  if (!user || !data) return null;
  const { accepted } = data;
  return (
    <section aria-labelledby="my-consent" className="card">
      <h2 id="my-consent">{t('mine.title')}</h2>
      {accepted ? (
        <>
          <p>
            {t('mine.accepted', { version: accepted.version, date: dateOf(accepted.at, lang) })}
          </p>
          <details>
            <summary>{t('mine.show')}</summary>
            <div className="accepted-text">
              <StatementMarkdown markdown={accepted.statement.markdown} />
            </div>
          </details>
        </>
      ) : (
        <p>{t('mine.none')}</p>
      )}
    </section>
  );
}

/** Every version with its date, newest first; each opens on the privacy page. */
export function PrivacyVersionList({ shown }: { shown: string | undefined }) {
  const { t, i18n } = useTranslation('privacy');
  const { data } = useQuery({
    queryKey: queryKeys.privacyVersions,
    queryFn: privacyApi.versions,
  });
  if (!data) return null;
  return (
    <section aria-labelledby="privacy-versions">
      <h2 id="privacy-versions">{t('versions.title')}</h2>
      <ul className="privacy-versions">
        {data.versions.map((v) => {
          const isShown = shown === v.version || (!shown && v.current);
          const label = t('versions.item', {
            version: v.version,
            date: dateOf(v.publishedAt, i18n.language),
          });
          return (
            <li key={v.version}>
              {isShown ? (
                <span aria-current="page">{label}</span>
              ) : (
                <Link to={v.current ? '/tietosuoja' : `/tietosuoja?versio=${v.version}`}>
                  {label}
                </Link>
              )}
              {v.current && ` ${t('versions.current')}`}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
