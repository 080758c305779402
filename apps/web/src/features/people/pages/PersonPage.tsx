import {
  can,
  isStaff,
  mayActOnPerson,
  type PersonDetail,
  type UserSummary,
} from '@yhteistyotila/protocol';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { useErrorMessage } from '../../../lib/errors.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { PersonModerationActions } from '../../moderation/index.js';
import { ExpertCapability } from '../components/ExpertCapability.js';
import { GuestEndDate } from '../components/GuestEndDate.js';
import { PersonBadges } from '../components/PersonBadges.js';
import { RoleChoice } from '../components/RoleChoice.js';
import { Suspension } from '../components/Suspension.js';
import { municipalityName } from '../people-labels.js';
import '../people.css';
import { formatDate } from '../../../lib/dates.js';

/** What an action hands back: the person's new summary, merged into the page. */
export type ApplyChange = (next: UserSummary, announcement: string) => void;

/** One person, for moderators and admins: facts, e-mail (staff), and the actions on them. */
export function PersonPage() {
  const { userId = '' } = useParams();
  const { t, i18n } = useTranslation('people');
  const { user, isLoading } = useSession();
  const errorMessage = useErrorMessage();
  const qc = useQueryClient();
  const [announcement, setAnnouncement] = useState('');
  const me = user ? { role: user.role, expert: user.expert } : null;
  const allowed = Boolean(me && can('people.read', me));
  const person = useQuery({
    queryKey: queryKeys.people.person(userId),
    queryFn: async () => (await request('people:get', { userId })).person,
    enabled: allowed && userId !== '',
  });

  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user || !me) return <Navigate to={`/kirjaudu?next=/ihmiset/${userId}`} replace />;
  if (!allowed)
    return (
      <section className="page">
        <PageTitle>{t('title')}</PageTitle>
        <p className="notice">{t('staffOnly')}</p>
      </section>
    );

  const apply: ApplyChange = (next, text) => {
    qc.setQueryData<PersonDetail>(queryKeys.people.person(userId), (old) =>
      old ? { ...old, ...next } : old,
    );
    void qc.invalidateQueries({ queryKey: queryKeys.people.all });
    setAnnouncement(text);
  };

  const p = person.data;
  const date = (iso: string | null) => (iso ? formatDate(iso, i18n.language) : '–');
  const self = p?.id === user.id;

  return (
    <section className="page person-page">
      <p>
        <Link to="/ihmiset">{t('back')}</Link>
      </p>
      {person.error ? (
        <p className="notice error" role="alert">
          {errorMessage(person.error)}
        </p>
      ) : null}
      {!p && !person.error && <p>{t('common:loading')}</p>}
      {p && (
        <>
          <PageTitle>{p.name}</PageTitle>
          <PersonBadges person={p} />
          <div className="visually-hidden" role="status" aria-live="polite">
            {announcement}
          </div>
          <dl className="person-facts">
            <dt>{t('facts.role')}</dt>
            <dd>{t(`roles.${p.role}`)}</dd>
            <dt>{t('facts.expert')}</dt>
            <dd>{p.expert ? t('yes') : t('no')}</dd>
            {p.role === 'guest' && (
              <>
                <dt>{t('facts.guestUntil')}</dt>
                <dd>{date(p.guestUntil)}</dd>
              </>
            )}
            <dt>{t('facts.status')}</dt>
            <dd>{t(`status.${p.status}`)}</dd>
            {p.suspension && (
              <>
                <dt>{t('facts.suspensionReason')}</dt>
                <dd>
                  {p.suspension.reason} ({date(p.suspension.at)})
                </dd>
              </>
            )}
            {p.email !== null && (
              <>
                <dt>{t('facts.email')}</dt>
                <dd>
                  <a href={`mailto:${p.email}`}>{p.email}</a>
                </dd>
              </>
            )}
            <dt>{t('facts.municipality')}</dt>
            <dd>{municipalityName(p.municipalityCode, i18n.language) || '–'}</dd>
            {p.association && (
              <>
                <dt>{t('facts.association')}</dt>
                <dd>{p.association}</dd>
              </>
            )}
            {p.parentRole && (
              <>
                <dt>{t('facts.parentRole')}</dt>
                <dd>{p.parentRole}</dd>
              </>
            )}
            <dt>{t('facts.joined')}</dt>
            <dd>{date(p.createdAt)}</dd>
          </dl>

          {self ? (
            <p className="notice">{t('notOnYourself')}</p>
          ) : (
            <>
              <RoleChoice person={p} me={me} onChanged={apply} />
              {mayActOnPerson(me, 'role.grantExpert', p.role) && p.role !== 'guest' && (
                <ExpertCapability person={p} onChanged={apply} />
              )}
              {p.role === 'guest' && can('guest.manage', me) && (
                <GuestEndDate person={p} onChanged={apply} />
              )}
              {can('user.suspend', { ...me, targetStaff: isStaff(p.role) }) && (
                <Suspension person={p} onChanged={apply} />
              )}
              <PersonModerationActions userId={p.id} />
            </>
          )}
        </>
      )}
    </section>
  );
}
