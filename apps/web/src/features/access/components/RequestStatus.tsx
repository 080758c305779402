import { formatDateTime } from '../../../lib/dates.js';
import type { JoinRequestStatus } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAccessError } from './FormError.js';
import { useLiveJoinStatus } from './live-join-status.js';

/** The honest state of one's own join request, and what happens next. */
export function RequestStatus({ status }: { status: JoinRequestStatus }) {
  const { t, i18n } = useTranslation('access');
  const date = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : '');
  return (
    <div className="request-status">
      <p
        className={`notice ${status.status === 'rejected' ? 'error' : status.status === 'approved' ? 'success' : ''}`}
      >
        <strong>{t(`status.${status.status}.title`)}</strong>
        <br />
        {t(`status.${status.status}.body`)}
      </p>
      <dl className="facts">
        <dt>{t('status.submittedAt')}</dt>
        <dd>{date(status.submittedAt)}</dd>
        {status.verifiedAt && (
          <>
            <dt>{t('status.verifiedAt')}</dt>
            <dd>{date(status.verifiedAt)}</dd>
          </>
        )}
        {status.decidedAt && (
          <>
            <dt>{t('status.decidedAt')}</dt>
            <dd>{date(status.decidedAt)}</dd>
          </>
        )}
      </dl>
      {status.status === 'approved' && <Link to="/kirjaudu">{t('signIn.title')}</Link>}
    </div>
  );
}

/**
 * The status behind a status token, updated on the page when a moderator decides (announced:
 * callers put it in a polite live region). `initial` is shown at once when the caller has it.
 */
export function LiveRequestStatus({
  token,
  initial,
}: {
  token: string;
  initial?: JoinRequestStatus | undefined;
}) {
  const { t } = useTranslation('access');
  const errorText = useAccessError();
  const query = useLiveJoinStatus(token, initial);
  const undecided = query.data?.status === 'pending' || query.data?.status === 'unverified';
  return (
    <>
      {query.isLoading && <p>{t('common:loading')}</p>}
      {query.data && <RequestStatus status={query.data} />}
      {undecided && <p className="hint">{t('statusPage.live')}</p>}
      {/* A failed poll keeps the last known status on screen; only a first failure is shown. */}
      {query.error && !query.data && (
        <p className="notice error" role="alert">
          {errorText(query.error)}
        </p>
      )}
    </>
  );
}
