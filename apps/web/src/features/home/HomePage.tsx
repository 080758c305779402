import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigation } from 'react-router';
import { PageTitle } from '../../app/PageTitle.js';
import { useSession } from '../../lib/session.js';

/** Signed-in people go straight to their conversations; others see what this place is. */
export function HomePage() {
  const { t } = useTranslation('home');
  const { user, isLoading } = useSession();
  // A link clicked while the session was loading wins over the redirect (ConversationsIndex).
  const leaving = useNavigation().state !== 'idle';
  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (user) return leaving ? null : <Navigate to="/c" replace />;
  return (
    <section className="page landing">
      <PageTitle>{t('title')}</PageTitle>
      <p className="lead">{t('lead')}</p>
      <ul className="purposes">
        {(['network', 'practices', 'information', 'peerSupport'] as const).map((key) => (
          <li key={key}>{t(`purposes.${key}`)}</li>
        ))}
      </ul>
      <div className="actions">
        <Link className="button primary" to="/liity">
          {t('join')}
        </Link>
        <Link className="button" to="/kirjaudu">
          {t('signIn')}
        </Link>
      </div>
    </section>
  );
}
