import { REPORT_CATEGORIES, type Report } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { QueueList } from '../../../app/QueueList.js';
import { useLiveQueue, type QueueRules } from '../../../app/live-queue.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { ReportCard } from '../components/ReportCard.js';
import '../reports.css';

/** Open reports in the server's order: a child's personal data first, then oldest first. */
const urgency = (r: Report) => (r.category === REPORT_CATEGORIES[0] ? 0 : 1);
const reportQueueRules: QueueRules<Report> = {
  isOpen: (r) => r.status === 'open',
  order: (a, b) => urgency(a) - urgency(b) || a.createdAt.localeCompare(b.createdAt),
};

function useReportQueue() {
  const { t } = useTranslation('reports');
  const queue = useLiveQueue<Report>({
    load: async () => (await request('report:list', {})).reports,
    created: 'report:created',
    updated: 'report:updated',
    rules: reportQueueRules,
    arrivalText: (report) => t('queue.arrived', { category: t(`categories.${report.category}`) }),
  });
  return { ...queue, reports: queue.items };
}

export function ReportsQueuePage() {
  const { t } = useTranslation('reports');
  const { user, isLoading } = useSession();
  const { reports, error, announcement, setAnnouncement, upsert } = useReportQueue();
  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to="/kirjaudu?next=/ilmoitukset" replace />;
  return (
    <section className="page reports-page">
      <PageTitle>{t('queue.title')}</PageTitle>
      <p className="lead">{t('queue.lead')}</p>
      <QueueList
        texts={{ ns: 'reports', keyPrefix: 'queue' }}
        items={reports}
        error={error}
        announcement={announcement}
      >
        {(r) => (
          <ReportCard
            report={r}
            me={user.id}
            onChanged={(next) => {
              upsert(next);
              if (next.status === 'open') return;
              setAnnouncement(t(`queue.decided.${next.status}`));
              // The decided card leaves the queue with the focused button: keyboard and
              // screen-reader users go on from the page's heading, not from the page's end.
              requestAnimationFrame(() =>
                document.querySelector<HTMLElement>('.reports-page h1')?.focus(),
              );
            }}
          />
        )}
      </QueueList>
    </section>
  );
}
