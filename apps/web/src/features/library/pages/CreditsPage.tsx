import type { LibraryCreditRequest } from '@yhteistyotila/protocol';
import { useQuery, useQueryClient } from '@tanstack/react-query';
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

/**
 * Someone saved my words from a chat to the library: may they name me among the entry's
 * credits? One click each way; only an agreement shows my name, and I may change my mind.
 */
export function CreditsPage() {
  const { t } = useTranslation('library');
  const errorMessage = useErrorMessage();
  const { user, isLoading } = useSession();
  const requests = useQuery({
    queryKey: queryKeys.library.creditRequests,
    queryFn: async () => (await request('library:creditRequests', {})).requests,
    enabled: Boolean(user),
  });
  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to={`/kirjaudu?next=${libraryPaths.credits}`} replace />;
  return (
    <section className="page narrow library-page library-credits-page">
      <PageTitle>{t('edit.credits.title')}</PageTitle>
      <p className="lead">{t('edit.credits.lead')}</p>
      {requests.error ? (
        <p className="notice error" role="alert">
          {errorMessage(requests.error)}
        </p>
      ) : null}
      {requests.isLoading && <p>{t('common:loading')}</p>}
      {requests.data?.length === 0 && <p className="notice">{t('edit.credits.empty')}</p>}
      {requests.data && requests.data.length > 0 && (
        <ul className="credit-requests">
          {requests.data.map((r) => (
            <li key={r.entryId} className="card">
              <CreditRequestItem request={r} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CreditRequestItem({ request: r }: { request: LibraryCreditRequest }) {
  const { t, i18n } = useTranslation('library');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const answer = async (accept: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await request('library:creditAnswer', { entryId: r.entryId, accept });
      queryClient.setQueryData<LibraryCreditRequest[]>(queryKeys.library.creditRequests, (list) =>
        list?.map((x) =>
          x.entryId === r.entryId ? { ...x, status: accept ? 'accepted' : 'declined' } : x,
        ),
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.library.entry(r.entryId) });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <article aria-labelledby={`credit-${r.entryId}`}>
      <h2 id={`credit-${r.entryId}`}>
        <Link to={libraryPaths.entry(r.entryId)}>{r.entryTitle}</Link>
      </h2>
      <p>
        {t('edit.credits.asked', {
          name: r.requestedBy?.name ?? t('edit.deletedUser'),
          date: formatDate(r.createdAt, i18n.language),
        })}
      </p>
      <p className="credit-status" role="status">
        {t(`edit.credits.status.${r.status}`)}
      </p>
      {error !== null && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      <div className="actions compact">
        {r.status !== 'accepted' && (
          <button
            type="button"
            className="button small primary"
            disabled={busy}
            onClick={() => void answer(true)}
          >
            {t('edit.credits.accept')}
          </button>
        )}
        {r.status !== 'declined' && (
          <button
            type="button"
            className="button small"
            disabled={busy}
            onClick={() => void answer(false)}
          >
            {t('edit.credits.decline')}
          </button>
        )}
      </div>
    </article>
  );
}
