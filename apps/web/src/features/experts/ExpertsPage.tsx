import { can, type ExpertCard } from '@yhteistyotila/protocol';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { PageTitle } from '../../app/PageTitle.js';
import { formatClock, formatDay, formatDateTime } from '../../lib/dates.js';
import { queryKeys } from '../../lib/query-keys.js';
import { useSession } from '../../lib/session.js';
import { request } from '../../lib/socket.js';
import { BookingForm } from './BookingForm.js';
import { expertsPaths } from './paths.js';
import './experts.css';

/** The experts panel: who is available now, when each is next free, and booking a meeting. */
export function ExpertsPage() {
  const { t } = useTranslation('experts');
  const { user, isLoading } = useSession();
  const [booking, setBooking] = useState<string | null>(null);
  const panel = useQuery({
    queryKey: queryKeys.experts.panel,
    queryFn: () => request('experts:list', {}),
    refetchInterval: 60_000,
    enabled: Boolean(user),
  });
  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to={`/kirjaudu?next=${expertsPaths.panel}`} replace />;
  const mayBook = can('meeting.book', user);
  const mayOffer = can('experts.setAvailability', user);
  const experts = panel.data?.experts ?? [];

  return (
    <section className="page experts-page">
      <PageTitle>{t('title')}</PageTitle>
      <p className="lead">{t('lead')}</p>
      <p className="experts-links">
        {mayBook && <Link to={expertsPaths.meetings}>{t('myMeetings')}</Link>}
        {mayOffer && <Link to={expertsPaths.own}>{t('ownProfile')}</Link>}
      </p>
      {panel.isPending ? (
        <p>{t('common:loading')}</p>
      ) : experts.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <ul className="expert-cards">
          {experts.map((e) => (
            <li key={e.id} className="card expert-card">
              <ExpertSummary expert={e} />
              {mayBook &&
                e.bookable &&
                e.id !== user.id &&
                (booking === e.id ? (
                  <BookingForm expert={e} onClose={() => setBooking(null)} />
                ) : (
                  <button type="button" className="button primary" onClick={() => setBooking(e.id)}>
                    {t('book', { name: e.name })}
                  </button>
                ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ExpertSummary({ expert: e }: { expert: ExpertCard }) {
  const { t, i18n } = useTranslation('experts');
  const lang = i18n.language;
  let when: string;
  if (e.availableNow) when = t('availableNow');
  else if (e.nextAvailableAt)
    when = t('nextAvailable', {
      day: formatDay(e.nextAvailableAt, lang),
      time: formatClock(e.nextAvailableAt, lang),
    });
  else when = t('noTimes');
  return (
    <>
      <h2 className="expert-name">
        {e.name}{' '}
        <span className="badge expert-badge">
          {t(e.role === 'guest' ? 'presence:guestExpert' : 'presence:expert')}
        </span>
      </h2>
      {e.organisation && <p className="expert-organisation">{e.organisation}</p>}
      <p className={e.availableNow ? 'expert-when available' : 'expert-when'}>{when}</p>
      {e.status.kind !== 'available' && (
        <p className="muted">
          {e.status.until
            ? t(`status.${e.status.kind}Until`, { until: formatDateTime(e.status.until, lang) })
            : t(`status.${e.status.kind}`)}
        </p>
      )}
      {e.topics.length > 0 && (
        <ul className="expert-topics" aria-label={t('topics')}>
          {e.topics.map((topic) => (
            <li key={topic}>{topic}</li>
          ))}
        </ul>
      )}
      {e.introduction && <p>{e.introduction}</p>}
    </>
  );
}
