import type { Notification } from '@yhteistyotila/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatTime } from '../../../lib/dates.js';
import { markRead } from '../notifications-store.js';

/** One notification: what happened, where, when; opens its item and marks it read. */
export function NotificationItem({ n, onOpen }: { n: Notification; onOpen?: () => void }) {
  const { t, i18n } = useTranslation('notifications');
  const qc = useQueryClient();
  const headline = t(`kind.${n.kind}`, {
    name: n.actor?.name ?? t('someone'),
    where: n.where || t('dm'),
    count: Number(n.text) || 0,
  });
  const detail =
    n.kind === 'report'
      ? t(`reports:categories.${n.text}`, { defaultValue: n.text })
      : n.kind === 'join-request-waiting'
        ? ''
        : n.text;
  return (
    <li className={n.readAt ? 'notification' : 'notification unread'}>
      <Link
        to={n.link}
        onClick={() => {
          if (!n.readAt) void markRead(qc, { ids: [n.id] }).catch(() => {});
          onOpen?.();
        }}
      >
        {!n.readAt && <span className="visually-hidden">{t('unread')}: </span>}
        <span className="notification-headline">{headline}</span>
        {detail && <span className="notification-text">{detail}</span>}
        <time dateTime={n.createdAt}>{formatTime(n.createdAt, i18n.language)}</time>
      </Link>
    </li>
  );
}
