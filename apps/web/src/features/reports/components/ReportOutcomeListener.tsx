import { can, type MyReport, type Report } from '@yhteistyotila/protocol';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../lib/session.js';
import { getSocket } from '../../../lib/socket.js';
import { showToast } from '../../../lib/toasts.js';

/**
 * Tells the reporter, wherever they are in the app, that their report was handled; the toast
 * opens their list. A moderator elsewhere than the queue hears of each new report the same way
 * (the queue page shows it itself). Renders nothing: the toaster's live region announces it.
 */
export function ReportOutcomeListener() {
  const { t } = useTranslation('reports');
  const { user } = useSession();
  const signedIn = Boolean(user && !user.mustReconsent);
  const moderates = Boolean(user && can('content.moderate', user));
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
    const onCreated = (report: Report) => {
      if (location.pathname === '/ilmoitukset') return;
      showToast({
        title: t('newReport.title'),
        body: t(`categories.${report.category}`),
        to: '/ilmoitukset',
      });
    };
    socket.on('report:resolved', onResolved);
    if (moderates) socket.on('report:created', onCreated);
    return () => {
      socket.off('report:resolved', onResolved);
      socket.off('report:created', onCreated);
    };
  }, [t, signedIn, moderates]);
  return null;
}
