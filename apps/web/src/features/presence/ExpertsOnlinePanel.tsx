import type { OnlineExpert } from '@yhteistyotila/protocol';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../lib/query-keys.js';
import { getSocket, request } from '../../lib/socket.js';
import { PresenceDot } from './PresenceDot.js';

/** "Experts online now": refreshed whenever an expert's presence changes. */
export function ExpertsOnlinePanel({ onPick }: { onPick?: (expert: OnlineExpert) => void }) {
  const { t } = useTranslation('presence');
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: queryKeys.expertsOnline,
    queryFn: () => request('presence:experts', {}),
  });
  useEffect(() => {
    const socket = getSocket();
    const onChanged = ({ changes }: { changes: { isExpert: boolean }[] }) => {
      if (changes.some((c) => c.isExpert))
        void queryClient.invalidateQueries({ queryKey: queryKeys.expertsOnline });
    };
    const onConnect = () =>
      void queryClient.invalidateQueries({ queryKey: queryKeys.expertsOnline });
    socket.on('presence:changed', onChanged);
    socket.on('connect', onConnect);
    return () => {
      socket.off('presence:changed', onChanged);
      socket.off('connect', onConnect);
    };
  }, [queryClient]);
  const experts = data?.experts ?? [];
  return (
    <section className="experts-online" aria-labelledby="experts-online-title">
      <h2 id="experts-online-title">{t('expertsOnline')}</h2>
      {experts.length === 0 ? (
        <p className="muted">{t('noExpertsOnline')}</p>
      ) : (
        <ul>
          {experts.map((e) => (
            <li key={e.id}>
              <PresenceDot userId={e.id} />
              {onPick ? (
                <button type="button" className="link-button" onClick={() => onPick(e)}>
                  {e.name}
                </button>
              ) : (
                <span>{e.name}</span>
              )}
              <span className="badge expert-badge">
                {t(e.role === 'guest' ? 'guestExpert' : 'expert')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
