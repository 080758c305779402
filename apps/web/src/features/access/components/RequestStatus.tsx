import type { JoinRequestStatus } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The honest state of one's own join request, and what happens next. */
export function RequestStatus({ status }: { status: JoinRequestStatus }) {
  const { t, i18n } = useTranslation('access');
  const date = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language) : '');
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
