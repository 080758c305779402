import { describeAgent } from '@yhteistyotila/protocol';
import { formatDateTime } from '../../../lib/dates.js';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../../lib/query-keys.js';
import { accessApi } from '../access-api.js';
import { FormError, useAccessError } from '../components/FormError.js';

export function SessionsList() {
  const { t, i18n } = useTranslation('access');
  const errorText = useAccessError();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: queryKeys.mySessions, queryFn: accessApi.sessions });
  const [error, setError] = useState<unknown>(null);
  const date = (iso: string) => formatDateTime(iso, i18n.language);

  const revoke = async (id: string) => {
    setError(null);
    try {
      await accessApi.revokeSession(id);
      await queryClient.invalidateQueries({ queryKey: queryKeys.mySessions });
    } catch (err) {
      setError(err);
    }
  };

  if (sessions.isLoading) return <p>{t('common:loading')}</p>;
  if (sessions.error) return <p className="notice error">{errorText(sessions.error)}</p>;
  return (
    <>
      <ul className="sessions">
        {sessions.data?.sessions.map((s) => (
          <li key={s.id} className="card">
            <strong>{describeAgent(s.userAgent) || t('sessions.unknownDevice')}</strong>
            {s.current && <span className="badge"> {t('sessions.current')}</span>}
            <br />
            <span className="hint">
              {t('sessions.lastSeen', { date: date(s.lastSeenAt) })} ·{' '}
              {t('sessions.started', { date: date(s.createdAt) })}
            </span>
            {!s.current && (
              <div>
                <button
                  type="button"
                  className="button danger small"
                  onClick={() => void revoke(s.id)}
                >
                  {t('sessions.revoke')}
                  <span className="visually-hidden">
                    {' '}
                    ({describeAgent(s.userAgent)}, {date(s.lastSeenAt)})
                  </span>
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <FormError error={error} />
    </>
  );
}
