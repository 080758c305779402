import { useTranslation } from 'react-i18next';
import { useSessionEnded } from '../../../lib/session-ended.js';

/**
 * "You were signed out on this device from another device" and the like, translated: why the
 * server ended this device's session (`session:revoked`, recorded by lib/session-ended.ts),
 * shown as soon as it is known, however the person reached the sign-in page.
 */
export function SessionEndedNotice() {
  const { t } = useTranslation('access');
  const reason = useSessionEnded();
  if (!reason) return null;
  return (
    <p className="notice" role="alert">
      {t(`signIn.ended.${reason}`)}
    </p>
  );
}
