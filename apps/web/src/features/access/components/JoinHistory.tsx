import type { JoinRequest } from '@yhteistyotila/protocol';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/dates.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { getSocket, request } from '../../../lib/socket.js';
import { useAccessError } from './FormError.js';

type Decided = 'approved' | 'rejected';

/**
 * Decided requests within their retention window (rejected ones are erased after it): who
 * decided, when, and for rejections the reason and the moderator's explanation. Refreshed
 * whenever a request is decided anywhere.
 */
export function JoinHistory() {
  const { t, i18n } = useTranslation('access');
  const id = useId();
  const qc = useQueryClient();
  const errorText = useAccessError();
  const [status, setStatus] = useState<Decided>('rejected');
  const history = useQuery({
    queryKey: queryKeys.joinRequestHistory(status),
    queryFn: () => request('joinRequest:list', { status, limit: 100 }),
  });
  useEffect(() => {
    const socket = getSocket();
    const onUpdated = (req: JoinRequest) => {
      if (req.status === 'approved' || req.status === 'rejected')
        void qc.invalidateQueries({ queryKey: queryKeys.joinRequestHistory(req.status) });
    };
    socket.on('joinRequest:updated', onUpdated);
    return () => {
      socket.off('joinRequest:updated', onUpdated);
    };
  }, [qc]);
  const date = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : '–');
  const requests = history.data?.requests ?? [];

  return (
    <section className="join-history" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('moderation.history.title')}</h2>
      <p className="hint block">{t('moderation.history.lead')}</p>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('moderation.history.status')}</label>
        <select
          id={`${id}-status`}
          value={status}
          onChange={(e) => setStatus(e.target.value as Decided)}
        >
          <option value="rejected">{t('moderation.history.rejected')}</option>
          <option value="approved">{t('moderation.history.approved')}</option>
        </select>
      </div>
      {history.isError && (
        <p className="notice error" role="alert">
          {errorText(history.error)}
        </p>
      )}
      {history.isSuccess && requests.length === 0 && (
        <p className="notice">{t('moderation.history.empty')}</p>
      )}
      {requests.length > 0 && (
        <ul className="queue history" aria-label={t(`moderation.history.${status}`)}>
          {requests.map((r) => (
            <li key={r.id}>
              <article className="card join-request" aria-labelledby={`${id}-${r.id}`}>
                <h3 id={`${id}-${r.id}`}>{r.name}</h3>
                <dl className="facts">
                  <dt>{t('fields.email')}</dt>
                  <dd>{r.email}</dd>
                  <dt>{t('moderation.history.decidedAt')}</dt>
                  <dd>{date(r.decidedAt)}</dd>
                  <dt>{t('moderation.history.decidedBy')}</dt>
                  <dd>{r.decidedBy?.name || '–'}</dd>
                  {r.rejectReason && (
                    <>
                      <dt>{t('moderation.history.reason')}</dt>
                      <dd>{t(`reasons.${r.rejectReason}`)}</dd>
                    </>
                  )}
                  {r.rejectText && (
                    <>
                      <dt>{t('moderation.history.explanation')}</dt>
                      <dd className="motivation">{r.rejectText}</dd>
                    </>
                  )}
                </dl>
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
