import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { useErrorMessage } from '../../../lib/errors.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { request } from '../../../lib/socket.js';
import { LibraryDiffView } from '../components/LibraryDiffView.js';
import { useLiveEntry } from '../hooks/useLiveEntry.js';
import { libraryPaths } from '../library-paths.js';
import { EntryBreadcrumbs } from '../components/EntryBreadcrumbs.js';
import '../library-edit.css';

/** The word diff between two revisions of an entry (also "changed since review", one click away). */
export function DiffPage() {
  const params = useParams();
  const entryId = params.entryId ?? '';
  const from = Number(params.from);
  const to = Number(params.to);
  const valid = Number.isInteger(from) && Number.isInteger(to) && from > 0 && to > 0;
  const { t } = useTranslation('library');
  const errorMessage = useErrorMessage();
  const saved = (useLocation().state as { savedRevision?: number } | null)?.savedRevision;
  const live = useLiveEntry(entryId, false);
  const diff = useQuery({
    queryKey: queryKeys.library.diff(entryId, from, to),
    queryFn: async () => (await request('library:diff', { id: entryId, from, to })).diff,
    enabled: valid,
    staleTime: Infinity, // Revisions never change.
  });
  const entry = live.data;
  return (
    <section className="page library-page library-diff-page">
      <EntryBreadcrumbs entryId={entryId} title={entry?.title} />
      <PageTitle>{t('edit.diff.title', { from, to })}</PageTitle>
      {saved !== undefined && (
        <p className="notice success" role="status">
          {t('edit.savedRevision', { n: saved })}
        </p>
      )}
      <p className="diff-legend">
        <span>
          <ins>{t('edit.diff.legendAdded')}</ins>
        </span>{' '}
        <span>
          <del>{t('edit.diff.legendRemoved')}</del>
        </span>
      </p>
      {!valid && <p className="notice error">{t('common:errors.NOT_FOUND')}</p>}
      {diff.error ? (
        <p className="notice error" role="alert">
          {errorMessage(diff.error)}
        </p>
      ) : null}
      {diff.isLoading && <p>{t('common:loading')}</p>}
      {diff.data && <LibraryDiffView diff={diff.data} />}
      <div className="actions">
        <Link className="button" to={libraryPaths.revisions(entryId)}>
          {t('edit.revisionsLink')}
        </Link>
        <Link className="button" to={libraryPaths.entry(entryId)}>
          {t('edit.openEntry')}
        </Link>
      </div>
    </section>
  );
}
