import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  notificationsSupported,
  setNotificationsEnabled,
  useNotificationsEnabled,
} from '../notifications/browser-notifications.js';

/** Browser notifications only after this button is pressed; never prompted unasked. */
export function NotificationsToggle() {
  const { t } = useTranslation('conversations');
  const enabled = useNotificationsEnabled();
  const [denied, setDenied] = useState(false);
  if (!notificationsSupported()) return null;
  return (
    <div className="notifications-toggle">
      <button
        type="button"
        className="link-button"
        aria-pressed={enabled}
        onClick={() => void setNotificationsEnabled(!enabled).then((ok) => setDenied(!ok))}
      >
        {enabled ? t('notifications.disable') : t('notifications.enable')}
      </button>
      {denied && <p className="hint">{t('notifications.denied')}</p>}
    </div>
  );
}
