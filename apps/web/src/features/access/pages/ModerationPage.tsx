import { can, type JoinRequest } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { QueueList } from '../../../app/QueueList.js';
import { useLiveQueue, type QueueRules } from '../../../app/live-queue.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { useAccessError } from '../components/FormError.js';
import { JoinHistory } from '../components/JoinHistory.js';
import { JoinRequestCard } from '../components/JoinRequestCard.js';
import '../access.css';

/** Pending, oldest first: the person who has waited longest is handled first. */
const joinQueueRules: QueueRules<JoinRequest> = {
  isOpen: (r) => r.status === 'pending',
  order: (a, b) => (a.verifiedAt ?? a.createdAt).localeCompare(b.verifiedAt ?? b.createdAt),
};

function useJoinQueue() {
  const { t } = useTranslation('access');
  const queue = useLiveQueue<JoinRequest>({
    load: async () => (await request('joinRequest:list', {})).requests,
    created: 'joinRequest:created',
    updated: 'joinRequest:updated',
    rules: joinQueueRules,
    arrivalText: (req) => t('moderation.arrived', { name: req.name }),
  });
  return { ...queue, requests: queue.items };
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
