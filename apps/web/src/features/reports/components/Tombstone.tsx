import type { Message } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';

/** "Removed by a moderator" for everyone; the author also reads the moderator's reason. */
export function RemovedByModerator({ message }: { message: Message }) {
  const { t } = useTranslation('reports');
  return (
    <p className="tombstone removed-by-moderator">
      {t('tombstone.removed')}
      {message.removalReason !== null && (
        <span className="removal-reason">
          {' '}
          {t('tombstone.reason', { reason: message.removalReason })}
        </span>
      )}
    </p>
  );
}
