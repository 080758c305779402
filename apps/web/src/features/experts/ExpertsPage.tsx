import { can, expertsPanelOrder, type ExpertCard } from '@yhteistyotila/protocol';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { PageTitle } from '../../app/PageTitle.js';
import { formatClock, formatDay, formatDateTime } from '../../lib/dates.js';
import { queryKeys } from '../../lib/query-keys.js';
import { useSession } from '../../lib/session.js';
import { getSocket, request } from '../../lib/socket.js';
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
    enabled: Boolean(user),
  });
  useLivePanel(Boolean(user), panel.data?.experts);
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

type Panel = { experts: ExpertCard[] };

/** The panel with one card replaced, added or (null) removed, in the panel's order. */
const placeCard = (panel: Panel | undefined, id: string, card: ExpertCard | null) =>
  panel && {
    experts: expertsPanelOrder([
      ...panel.experts.filter((e) => e.id !== id),
      ...(card ? [card] : []),
    ]),
  };

/** Read again at the clock's next change of any card (office hours end or begin, a status ends). */
function nextChange(experts: readonly ExpertCard[] | undefined): number | null {
  const moments = (experts ?? []).flatMap((e) => (e.changesAt ? [Date.parse(e.changesAt)] : []));
  return moments.length ? Math.min(...moments) : null;
}
/** setTimeout's longest wait; a later change is read when the timer runs again. */
const MAX_WAIT_MS = 2 ** 31 - 1;

/**
 * The panel stays live without polling: a changed card arrives as `experts:changed` and takes
 * its place; the clock's own changes are read again when they are due; after a reconnect the
 * panel is read again (facts missed while offline are not replayed).
 */
function useLivePanel(enabled: boolean, experts: readonly ExpertCard[] | undefined) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const socket = getSocket();
    const changed = ({ id, card }: { id: string; card: ExpertCard | null }) => {
      queryClient.setQueryData<Panel>(queryKeys.experts.panel, (old) => placeCard(old, id, card));
      void queryClient.invalidateQueries({ queryKey: queryKeys.experts.slots(id) });
    };
    const reconnected = () => refetchPanel(queryClient);
    socket.on('experts:changed', changed);
    socket.io.on('reconnect', reconnected);
    return () => {
      socket.off('experts:changed', changed);
      socket.io.off('reconnect', reconnected);
    };
  }, [enabled, queryClient]);
  const due = nextChange(experts);
  useEffect(() => {
    if (!enabled || due === null) return;
    // A second late, so the server's clock has passed the moment too.
    const wait = Math.min(Math.max(due - Date.now() + 1000, 1000), MAX_WAIT_MS);
    const timer = setTimeout(() => refetchPanel(queryClient), wait);
    return () => clearTimeout(timer);
  }, [enabled, due, queryClient]);
}

const refetchPanel = (queryClient: QueryClient) =>
  void queryClient.invalidateQueries({ queryKey: queryKeys.experts.panel });

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
