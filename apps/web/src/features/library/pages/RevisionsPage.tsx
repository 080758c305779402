import { can, type LibraryRevisionSummary } from '@yhteistyotila/protocol';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { formatDateTime } from '../../../lib/dates.js';
import { useErrorMessage } from '../../../lib/errors.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { RestoreDialog } from '../components/RestoreDialog.js';
import { useLiveEntry } from '../hooks/useLiveEntry.js';
import { libraryPaths } from '../library-paths.js';
import { EntryBreadcrumbs } from '../components/EntryBreadcrumbs.js';
import '../library-edit.css';

/**
 * Every revision of an entry, newest first: pick any two to compare word by word, open one,
 * or restore an old one (a restore is a new revision, after a confirmation).
 */
export function RevisionsPage() {
  const { entryId = '' } = useParams();
  const { t, i18n } = useTranslation('library');
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const id = useId();
  const { user } = useSession();
  const live = useLiveEntry(entryId, false);
  const revisions = useQuery({
    queryKey: queryKeys.library.revisions(entryId),
    queryFn: async () => (await request('library:revisions', { id: entryId })).revisions,
  });
  const list = revisions.data ?? [];
  // Compare the newest with the one before it unless the reader picks others.
  const [picked, setPicked] = useState<{ from?: number; to?: number }>({});
  const to = picked.to ?? list[0]?.number;
  const from = picked.from ?? list[1]?.number;
  const [restoring, setRestoring] = useState<LibraryRevisionSummary | null>(null);
  const entry = live.data;
  const mayRestore = Boolean(user && can('library.write', user) && entry?.status === 'published');

  const compare = (e: FormEvent) => {
    e.preventDefault();
    if (from !== undefined && to !== undefined && from !== to)
      void navigate(libraryPaths.diff(entryId, Math.min(from, to), Math.max(from, to)));
  };

  return (
    <section className="page library-page library-revisions-page">
      <EntryBreadcrumbs entryId={entryId} title={entry?.title} />
      <PageTitle>{t('edit.revisions.title')}</PageTitle>
      {(revisions.error ?? live.error) ? (
        <p className="notice error" role="alert">
          {errorMessage(revisions.error ?? live.error)}
        </p>
      ) : null}
      {revisions.isLoading && <p>{t('common:loading')}</p>}
      {list.length > 0 && (
        <form onSubmit={compare} className="revisions-form">
          <p className="hint" id={`${id}-how`}>
            {t('edit.revisions.how')}
          </p>
          <table className="revisions-table" aria-describedby={`${id}-how`}>
            <caption className="visually-hidden">{t('edit.revisions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('edit.revisions.from')}</th>
                <th scope="col">{t('edit.revisions.to')}</th>
                <th scope="col">{t('edit.revisions.revision')}</th>
                <th scope="col" className="visually-hidden">
                  {t('edit.revisions.actions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.number} aria-current={r.number === entry?.revision ? 'true' : undefined}>
                  <td>
                    <input
                      type="radio"
                      name={`${id}-from`}
                      aria-label={t('edit.revisions.pickFrom', { n: r.number })}
                      checked={from === r.number}
                      onChange={() => setPicked((p) => ({ ...p, from: r.number, to }))}
                    />
                  </td>
                  <td>
                    <input
                      type="radio"
                      name={`${id}-to`}
                      aria-label={t('edit.revisions.pickTo', { n: r.number })}
                      checked={to === r.number}
                      onChange={() => setPicked((p) => ({ ...p, to: r.number, from }))}
                    />
                  </td>
                  <td className="revision-cell">
                    <strong>{t('edit.revisions.number', { n: r.number })}</strong>
                    {r.number === entry?.revision && (
                      <span className="badge">{t('edit.revisions.current')}</span>
                    )}
                    {entry?.review?.revision === r.number && (
                      <span className="badge reviewed-badge">{t('edit.revisions.reviewed')}</span>
                    )}
                    <span className="revision-meta">
                      {r.editor?.name ?? t('edit.deletedUser')} ·{' '}
                      <time dateTime={r.createdAt}>
                        {formatDateTime(r.createdAt, i18n.language)}
                      </time>
                      {r.minor && <> · {t('edit.revisions.minor')}</>}
                      {r.restoredFrom !== null && (
                        <> · {t('edit.revisions.restoredFrom', { n: r.restoredFrom })}</>
                      )}
                    </span>
                  </td>
                  <td className="revision-actions">
                    {r.number > 1 && (
                      <Link to={libraryPaths.diff(entryId, r.number - 1, r.number)}>
                        {t('edit.revisions.changes', { n: r.number })}
                      </Link>
                    )}
                    {mayRestore && r.number !== entry?.revision && (
                      <button
                        type="button"
                        className="button small"
                        onClick={() => setRestoring(r)}
                      >
                        {t('edit.revisions.restore', { n: r.number })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions">
            <button
              type="submit"
              className="button primary"
              disabled={from === undefined || to === undefined || from === to}
            >
              {t('edit.revisions.compare')}
            </button>
          </div>
        </form>
      )}
      {restoring && entry && (
        <RestoreDialog
          entry={entry}
          revision={restoring}
          onClose={() => setRestoring(null)}
          onRestored={(n) => {
            setRestoring(null);
            void navigate(libraryPaths.diff(entryId, entry.revision, n));
          }}
        />
      )}
    </section>
  );
}
