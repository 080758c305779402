import { can, type JoinRequest } from '@yhteistyotila/protocol';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { QueueList } from '../../../app/QueueList.js';
import { useSession } from '../../../lib/session.js';
import { getSocket, request } from '../../../lib/socket.js';
import { useAccessError } from '../components/FormError.js';
import { JoinHistory } from '../components/JoinHistory.js';
import { JoinRequestCard } from '../components/JoinRequestCard.js';
import '../access.css';

/** Oldest first: the person who has waited longest is handled first. */
const byVerified = (a: JoinRequest, b: JoinRequest) =>
  (a.verifiedAt ?? a.createdAt).localeCompare(b.verifiedAt ?? b.createdAt);

/**
 * The live queue: loads pending requests and keeps them current from the moderators' room
 * (created / updated facts), reloading after every (re)connect because facts missed while
 * offline are not replayed.
 */
function useJoinQueue() {
  const [requests, setRequests] = useState<JoinRequest[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  const { t } = useTranslation('access');
  const upsert = useCallback(
    (req: JoinRequest) =>
      setRequests((list) => {
        const rest = (list ?? []).filter((r) => r.id !== req.id);
        return req.status === 'pending' ? [...rest, req].sort(byVerified) : rest;
      }),
    [],
  );

  useEffect(() => {
    const socket = getSocket();
    const load = () =>
      request('joinRequest:list', {}).then(
        (r) => {
          setRequests([...r.requests].sort(byVerified));
          setError(null);
        },
        (err: unknown) => setError(err),
      );
    const onCreated = (req: JoinRequest) => {
      upsert(req);
      setAnnouncement(t('moderation.arrived', { name: req.name }));
    };
    const onUpdated = (req: JoinRequest) => upsert(req);
    socket.on('joinRequest:created', onCreated);
    socket.on('joinRequest:updated', onUpdated);
    socket.on('connect', load);
    if (socket.connected) void load();
    return () => {
      socket.off('joinRequest:created', onCreated);
      socket.off('joinRequest:updated', onUpdated);
      socket.off('connect', load);
    };
  }, [t, upsert]);

  return { requests, error, announcement, setAnnouncement, upsert };
}

export function ModerationPage() {
  const { t } = useTranslation('access');
  const { user, isLoading } = useSession();
  const { requests, error, announcement, setAnnouncement, upsert } = useJoinQueue();
  const errorText = useAccessError();
  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to="/kirjaudu?next=/moderointi" replace />;

  return (
    <section className="page">
      <PageTitle>{t('moderation.title')}</PageTitle>
      <p className="lead">{t('moderation.lead')}</p>
      <QueueList
        texts={{ ns: 'access', keyPrefix: 'moderation' }}
        items={requests}
        error={error}
        errorText={errorText}
        announcement={announcement}
      >
        {(r) => (
          <JoinRequestCard
            request={r}
            me={user.id}
            onChanged={(next) => {
              upsert(next);
              if (next.status === 'approved' || next.status === 'rejected')
                setAnnouncement(t(`moderation.decided.${next.status}`, { name: next.name }));
            }}
          />
        )}
      </QueueList>
      {can('people.read', { role: user.role }) && <JoinHistory />}
    </section>
  );
}
