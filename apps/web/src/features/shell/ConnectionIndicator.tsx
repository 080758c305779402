import { useTranslation } from 'react-i18next';
import { connection, type ConnectionState } from '../../lib/connection.js';
import { useStore } from '../../lib/store.js';

/** Shows the real socket's state; changes are announced politely to screen readers. */
export function ConnectionIndicator({ state: forced }: { state?: ConnectionState }) {
  const { t } = useTranslation('shell');
  const live = useStore(connection, connection.get);
  const state = forced ?? live;
  return (
    <div className="connection" data-state={state}>
      <span className="connection-dot" aria-hidden="true" />
      <span role="status" aria-live="polite" className="connection-label">
        {t(`connection.${state}`)}
      </span>
      {state === 'outdated' && (
        <button type="button" className="link-button" onClick={() => window.location.reload()}>
          {t('connection.reload')}
        </button>
      )}
    </div>
  );
}
