import { useTranslation } from 'react-i18next';
import { formatUntil, useActiveMute } from './my-moderation.js';

/** Above the composer: "muted here until …", with the moderators' reason. */
export function MutedNotice({ conversationId }: { conversationId: string }) {
  const { t, i18n } = useTranslation('moderation');
  const mute = useActiveMute(conversationId);
  if (!mute) return null;
  return (
    <div className="muted-notice" role="status">
      <p>{t('composer.muted', { until: formatUntil(mute.until, i18n.language) })}</p>
      <p className="hint">{t('composer.reason', { reason: mute.reason })}</p>
    </div>
  );
}
