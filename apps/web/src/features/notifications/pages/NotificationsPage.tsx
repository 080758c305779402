import type { Notification } from '@yhteistyotila/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { useErrorMessage } from '../../../lib/errors.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { NotificationItem } from '../components/NotificationItem.js';
import { markRead, useNotifications } from '../notifications-store.js';
import { NOTIFICATION_PATHS } from '../paths.js';
import '../notifications.css';

/** Every notification of mine, newest first, read and unread; older pages on request. */
export function NotificationsPage() {
  const { t } = useTranslation('notifications');
  const { user, isLoading } = useSession();
  const errorMessage = useErrorMessage();
  const qc = useQueryClient();
  const { data, error } = useNotifications();
  const [older, setOlder] = useState<{ list: Notification[]; hasMore: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to={`/kirjaudu?next=${NOTIFICATION_PATHS.all}`} replace />;
  const list = [...(data?.notifications ?? []), ...(older?.list ?? [])];
  const hasMore = older ? older.hasMore : (data?.hasMore ?? false);
  const loadOlder = async () => {
    const last = list[list.length - 1];
    if (!last) return;
    setBusy(true);
    try {
      const page = await request('notification:list', { before: last.createdAt });
      setOlder({ list: [...(older?.list ?? []), ...page.notifications], hasMore: page.hasMore });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="page narrow notifications-page">
      <PageTitle>{t('title')}</PageTitle>
      <div className="notifications-actions">
        {(data?.unread ?? 0) > 0 && (
          <button
            type="button"
            className="button"
            onClick={() => void markRead(qc, { all: true }).catch(() => {})}
          >
            {t('markAllRead')}
          </button>
        )}
        <Link to={NOTIFICATION_PATHS.settings}>{t('settings.link')}</Link>
      </div>
      {error ? (
        <p className="notice error" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      {!data && !error && <p>{t('common:loading')}</p>}
      {data && list.length === 0 && <p className="notice">{t('empty')}</p>}
      {list.length > 0 && (
        <ul className="notification-list">
          {list.map((n) => (
            <NotificationItem key={n.id} n={n} />
          ))}
        </ul>
      )}
      {hasMore && (
        <button type="button" className="button" disabled={busy} onClick={() => void loadOlder()}>
          {t('older')}
        </button>
      )}
    </section>
  );
}
