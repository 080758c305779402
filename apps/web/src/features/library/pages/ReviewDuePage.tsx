import { can, type LibraryEntrySummary } from '@yhteistyotila/protocol';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { formatDate } from '../../../lib/dates.js';
import { useErrorMessage } from '../../../lib/errors.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { libraryPaths } from '../library-paths.js';
import '../library-edit.css';

/** Experts: the published entries whose review is due (or that were never reviewed), due first. */
export function ReviewDuePage() {
  const { t } = useTranslation('library');
  const errorMessage = useErrorMessage();
  const { user, isLoading } = useSession();
  const allowed = Boolean(user && can('library.review', user));
  // "Overdue" is decided against the moment the list was opened.
  const [now] = useState(() => Date.now());
  const due = useQuery({
    queryKey: queryKeys.library.reviewDue,
    queryFn: async () => (await request('library:reviewDue', {})).entries,
    enabled: allowed,
  });
  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to={`/kirjaudu?next=${libraryPaths.reviewDue}`} replace />;
  return (
    <section className="page library-page library-review-due-page">
      <PageTitle>{t('edit.reviewDue.title')}</PageTitle>
      <p className="lead">{t('edit.reviewDue.lead')}</p>
      {!allowed && <p className="notice error">{t('edit.reviewDue.expertsOnly')}</p>}
      {due.error ? (
        <p className="notice error" role="alert">
          {errorMessage(due.error)}
        </p>
      ) : null}
      {due.isLoading && allowed && <p>{t('common:loading')}</p>}
      {due.data?.length === 0 && <p className="notice">{t('edit.reviewDue.empty')}</p>}
      {due.data && due.data.length > 0 && (
        <ul className="review-due-list">
          {due.data.map((e) => (
            <li key={e.id} className="card">
              <DueItem entry={e} now={now} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DueItem({ entry: e, now }: { entry: LibraryEntrySummary; now: number }) {
  const { t, i18n } = useTranslation('library');
  const overdue = e.review !== null && new Date(e.review.dueAt).getTime() < now;
  return (
    <>
      <h2>
        <Link to={libraryPaths.entry(e.id)}>{e.title}</Link>
      </h2>
      <p className="review-state">
        {e.review === null
          ? t('edit.reviewDue.never')
          : t(overdue ? 'edit.reviewDue.overdue' : 'edit.reviewDue.dueOn', {
              date: formatDate(e.review.dueAt, i18n.language),
            })}
        {e.review?.changedSince && <> · {t('edit.reviewDue.changed')}</>}
      </p>
      {e.summary && <p className="muted">{e.summary}</p>}
      <div className="actions compact">
        {e.review !== null && e.review.revision !== e.revision && (
          <Link
            className="button small"
            to={libraryPaths.diff(e.id, e.review.revision, e.revision)}
          >
            {t('edit.reviewDue.changesSince', { n: e.review.revision })}
          </Link>
        )}
        <Link className="button small primary" to={libraryPaths.entry(e.id)}>
          {t('edit.reviewDue.open')}
        </Link>
      </div>
    </>
  );
}
