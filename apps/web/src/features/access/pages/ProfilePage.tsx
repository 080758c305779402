import { formatDate } from '../../../lib/dates.js';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { useSession } from '../../../lib/session.js';
import { accessApi } from '../access-api.js';
import { useAccessError } from '../components/FormError.js';
import { ChangePasswordForm } from '../profile/ChangePasswordForm.js';
import { DeleteAccountForm } from '../profile/DeleteAccountForm.js';
import { ProfileForm } from '../profile/ProfileForm.js';
import { SessionsList } from '../profile/SessionsList.js';
import { BlockedList } from '../../blocks/index.js';
import { PushSettings } from '../../push/index.js';
import { NOTIFICATION_PATHS } from '../../notifications/index.js';
import '../access.css';

export function ProfilePage() {
  const { t, i18n } = useTranslation('access');
  const errorText = useAccessError();
  const { user, isLoading } = useSession();
  const queryClient = useQueryClient();
  const profile = useQuery({
    queryKey: queryKeys.myProfile,
    queryFn: accessApi.profile,
    enabled: Boolean(user),
  });
  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to="/kirjaudu?next=/profiili" replace />;

  return (
    <section className="page narrow profile">
      <PageTitle>{t('profile.title')}</PageTitle>
      <section aria-labelledby="profile-details">
        <h2 id="profile-details">{t('profile.details')}</h2>
        {profile.data ? (
          <>
            <p className="hint">
              {t('profile.roleIs', { role: t(`roles.${profile.data.role}`) })}
              {profile.data.guestUntil &&
                ` ${t('profile.guestUntil', { date: formatDate(profile.data.guestUntil, i18n.language) })}`}
            </p>
            <ProfileForm
              profile={profile.data}
              onSaved={(p) => queryClient.setQueryData(queryKeys.myProfile, p)}
            />
          </>
        ) : profile.error ? (
          <p className="notice error">{errorText(profile.error)}</p>
        ) : (
          <p>{t('common:loading')}</p>
        )}
      </section>
      <section aria-labelledby="profile-sessions">
        <h2 id="profile-sessions">{t('sessions.title')}</h2>
        <p className="hint">{t('sessions.lead')}</p>
        <SessionsList />
      </section>
      <PushSettings />
      <section aria-labelledby="profile-password">
        <h2 id="profile-password">{t('profile.changePassword')}</h2>
        <ChangePasswordForm />
      </section>
      <section aria-labelledby="profile-notifications">
        <h2 id="profile-notifications">{t('notifications:settings.title')}</h2>
        <p className="hint">{t('notifications:settings.profileLead')}</p>
        <Link to={NOTIFICATION_PATHS.settings}>{t('notifications:settings.link')}</Link>
      </section>
      <section aria-labelledby="profile-blocks">
        <h2 id="profile-blocks">{t('blocks:list.title')}</h2>
        <p className="hint">{t('blocks:list.lead')}</p>
        <BlockedList />
      </section>
      <section aria-labelledby="profile-data">
        <h2 id="profile-data">{t('profile.myData')}</h2>
        <p>{t('profile.myDataLead')}</p>
        <a className="button" href={accessApi.exportUrl} download>
          {t('profile.download')}
        </a>
      </section>
      <section aria-labelledby="profile-delete" className="danger-zone">
        <h2 id="profile-delete">{t('delete.title')}</h2>
        <p>{t('delete.lead')}</p>
        <DeleteAccountForm />
      </section>
    </section>
  );
}
