import type { Meeting } from '@yhteistyotila/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { PageTitle } from '../../app/PageTitle.js';
import { formatClock, formatDay } from '../../lib/dates.js';
import { useErrorMessage } from '../../lib/errors.js';
import { queryKeys } from '../../lib/query-keys.js';
import { useSession } from '../../lib/session.js';
import { getSocket, request } from '../../lib/socket.js';
import { expertsPaths } from './paths.js';
import './experts.css';

/** My meetings with experts, and meetings booked with me, live; each can be cancelled. */
export function MyMeetingsPage() {
  const { t } = useTranslation('experts');
  const { user, isLoading } = useSession();
  const queryClient = useQueryClient();
  const meetings = useQuery({
    queryKey: queryKeys.experts.meetings,
    queryFn: () => request('meeting:mine', {}),
    enabled: Boolean(user),
  });
  useEffect(() => {
    const socket = getSocket();
    const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.experts.all });
    socket.on('meeting:changed', refresh);
    return () => {
      socket.off('meeting:changed', refresh);
    };
  }, [queryClient]);
  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to={`/kirjaudu?next=${expertsPaths.meetings}`} replace />;
  const list = meetings.data?.meetings ?? [];
  return (
    <section className="page experts-page">
      <PageTitle>{t('meetingsTitle')}</PageTitle>
      <p className="experts-links">
        <Link to={expertsPaths.panel}>{t('backToExperts')}</Link>
      </p>
      {meetings.isPending ? (
        <p>{t('common:loading')}</p>
      ) : list.length === 0 ? (
        <p className="muted">{t('noMeetings')}</p>
      ) : (
        <ul className="meeting-list">
          {list.map((m) => (
            <MeetingItem key={m.id} meeting={m} viewerId={user.id} />
          ))}
        </ul>
      )}
    </section>
  );
}

function MeetingItem({ meeting: m, viewerId }: { meeting: Meeting; viewerId: string }) {
  const { t, i18n } = useTranslation('experts');
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [confirming, setConfirming] = useState(false);
  const cancel = useMutation({
    mutationFn: () => request('meeting:cancel', { meetingId: m.id }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.experts.all }),
  });
  const asBooker = m.booker.id === viewerId;
  const cancelled = m.status === 'cancelled';
  return (
    <li className={cancelled ? 'card meeting cancelled' : 'card meeting'}>
      <h2 className="meeting-when">
        {formatDay(m.start, lang)} {formatClock(m.start, lang)}–{formatClock(m.end, lang)}
      </h2>
      <p>
        {asBooker
          ? t('withExpert', { name: m.expert.name })
          : t('bookedBy', { name: m.booker.name })}
      </p>
      <p>
        <strong>{m.topic}</strong> · {t(`modes.${m.mode}`)}
      </p>
      {m.note && <p className="meeting-note">{m.note}</p>}
      {m.contact && (
        <p>
          {t(`contact.${m.mode}`)}: <strong className="meeting-contact">{m.contact}</strong>
        </p>
      )}
      {cancelled ? (
        <p className="notice">{t(`cancelledBy.${m.cancelledBy ?? 'booker'}`)}</p>
      ) : confirming ? (
        <div className="actions">
          <button
            type="button"
            className="button primary"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate()}
          >
            {t('confirmCancel')}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            {t('keep')}
          </button>
        </div>
      ) : (
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          {t('cancelMeeting')}
        </button>
      )}
      {cancel.isError && (
        <p className="form-error" role="alert">
          {errorMessage(cancel.error)}
        </p>
      )}
    </li>
  );
}
