import { useTranslation } from 'react-i18next';
import { usePresence } from './store.js';

/** A small status dot with its meaning as text for screen readers (colour is not the only cue: shapes differ). */
export function PresenceDot({ userId }: { userId: string }) {
  const { t } = useTranslation('presence');
  const status = usePresence(userId) ?? 'offline';
  return (
    <span
      className="presence-dot"
      data-status={status}
      role="img"
      aria-label={t(`status.${status}`)}
      title={t(`status.${status}`)}
    />
  );
}
