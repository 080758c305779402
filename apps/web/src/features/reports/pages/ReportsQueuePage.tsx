import { REPORT_CATEGORIES, type Report } from '@yhteistyotila/protocol';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { QueueList } from '../../../app/QueueList.js';
import { useSession } from '../../../lib/session.js';
import { getSocket, request } from '../../../lib/socket.js';
import { ReportCard } from '../components/ReportCard.js';
import '../reports.css';

/** The server's order: a child's personal data first, then oldest first. */
const urgency = (r: Report) => (r.category === REPORT_CATEGORIES[0] ? 0 : 1);
const byQueueOrder = (a: Report, b: Report) =>
  urgency(a) - urgency(b) || a.createdAt.localeCompare(b.createdAt);

/**
 * The live queue: loaded, then kept current from the moderators' room; reloaded after every
 * (re)connect because facts missed while offline are not replayed.
 */
function useReportQueue() {
  const { t } = useTranslation('reports');
  const [reports, setReports] = useState<Report[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  const upsert = useCallback(
    (report: Report) =>
      setReports((list) => {
        const rest = (list ?? []).filter((r) => r.id !== report.id);
        return report.status === 'open' ? [...rest, report].sort(byQueueOrder) : rest;
      }),
    [],
  );
  useEffect(() => {
    const socket = getSocket();
    const load = () =>
      request('report:list', {}).then(
        (r) => {
          setReports([...r.reports].sort(byQueueOrder));
          setError(null);
        },
        (err: unknown) => setError(err),
      );
    const onCreated = (report: Report) => {
      upsert(report);
      setAnnouncement(t('queue.arrived', { category: t(`categories.${report.category}`) }));
    };
    socket.on('report:created', onCreated);
    socket.on('report:updated', upsert);
    socket.on('connect', load);
    if (socket.connected) void load();
    return () => {
      socket.off('report:created', onCreated);
      socket.off('report:updated', upsert);
      socket.off('connect', load);
    };
  }, [t, upsert]);
  return { reports, error, announcement, setAnnouncement, upsert };
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
