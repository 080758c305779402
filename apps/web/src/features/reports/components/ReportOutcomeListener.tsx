import type { MyReport } from '@yhteistyotila/protocol';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../lib/session.js';
import { getSocket } from '../../../lib/socket.js';
import { showToast } from '../../../lib/toasts.js';

/**
 * Tells the reporter, wherever they are in the app, that their report was handled; the toast
 * opens their list. Renders nothing itself: the toaster's live region announces it.
 */
export function ReportOutcomeListener() {
  const { t } = useTranslation('reports');
  const { user } = useSession();
  const signedIn = Boolean(user && !user.mustReconsent);
  useEffect(() => {
    if (!signedIn) return;
    const socket = getSocket();
    const onResolved = (report: MyReport) => {
      if (report.status === 'open') return;
      showToast({
        title: t('outcome.title'),
        body: t(`outcome.${report.status}`),
        to: '/omat-ilmoitukset',
      });
    };
    socket.on('report:resolved', onResolved);
    return () => void socket.off('report:resolved', onResolved);
  }, [t, signedIn]);
  return null;
}
