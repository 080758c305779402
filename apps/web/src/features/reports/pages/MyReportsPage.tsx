import type { MyReport } from '@yhteistyotila/protocol';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { useErrorMessage } from '../../../lib/errors.js';
import { useSession } from '../../../lib/session.js';
import { getSocket, request } from '../../../lib/socket.js';
import '../reports.css';
import { formatDateTime } from '../../../lib/dates.js';

/** The reports a person made and their outcomes, kept current as moderators decide. */
export function MyReportsPage() {
  const { t, i18n } = useTranslation('reports');
  const errorMessage = useErrorMessage();
  const { user, isLoading } = useSession();
  const [reports, setReports] = useState<MyReport[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const socket = getSocket();
    const load = () =>
      request('report:mine', {}).then(
        (r) => (setReports(r.reports), setError(null)),
        (err: unknown) => setError(err),
      );
    const onResolved = (report: MyReport) =>
      setReports((list) => list?.map((r) => (r.id === report.id ? report : r)) ?? null);
    socket.on('report:resolved', onResolved);
    socket.on('connect', load);
    if (socket.connected) void load();
    return () => {
      socket.off('report:resolved', onResolved);
      socket.off('connect', load);
    };
  }, []);
  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to="/kirjaudu?next=/omat-ilmoitukset" replace />;
  return (
    <section className="page reports-page">
      <PageTitle>{t('mine.title')}</PageTitle>
      <p className="lead">{t('mine.lead')}</p>
      {error ? (
        <p className="notice error" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      {reports === null && !error && <p>{t('common:loading')}</p>}
      {reports?.length === 0 && <p className="notice">{t('mine.empty')}</p>}
      {reports && reports.length > 0 && (
        <ul className="my-reports">
          {reports.map((r) => (
            <li key={r.id} className="card" data-report-id={r.id}>
              <p>
                <strong>{t(`categories.${r.category}`)}</strong>
                <span className="muted"> · {t(`mine.${r.target.type}`)} · </span>
                <time dateTime={r.createdAt}>{formatDateTime(r.createdAt, i18n.language)}</time>
              </p>
              {r.note && <p className="report-note">{r.note}</p>}
              <p className={`report-status status-${r.status}`}>{t(`mine.status.${r.status}`)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
