import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useSession } from '../../../lib/session.js';
import { markRead, useNotifications } from '../notifications-store.js';
import { useNotificationFacts } from '../use-notification-facts.js';
import { NotificationItem } from './NotificationItem.js';
import { NOTIFICATION_PATHS } from '../paths.js';
import '../notifications.css';

const PANEL_ITEMS = 8;

/** The header's bell: the unread count, and a panel of the newest notifications. */
export function NotificationBell() {
  const { user } = useSession();
  return user ? <SignedInBell /> : null;
}

function SignedInBell() {
  const { t } = useTranslation('notifications');
  useNotificationFacts();
  const { data } = useNotifications();
  const qc = useQueryClient();
  // Opened for one location: navigating anywhere closes it (as the header's menu).
  const location = useLocation();
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === location.key;
  const setOpen = useCallback(
    (next: boolean) => setOpenAt(next ? location.key : null),
    [location.key],
  );
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const unread = data?.unread ?? 0;
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      const target = e.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target))
        setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open, setOpen]);

  const items = data?.notifications.slice(0, PANEL_ITEMS) ?? [];
  return (
    <div className="notification-bell">
      <button
        ref={buttonRef}
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          // The panel hangs just under the bell, wherever the header wrapped it.
          const bottom = buttonRef.current?.getBoundingClientRect().bottom ?? 56;
          panelRef.current?.style.setProperty('--panel-top', `${Math.round(bottom + 6)}px`);
          setOpen(!open);
        }}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        <span className="visually-hidden">{t('bell', { count: unread })}</span>
        {unread > 0 && (
          <span className="bell-count" aria-hidden="true" data-testid="bell-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      <div
        ref={panelRef}
        id={panelId}
        className="notification-panel"
        hidden={!open}
        role="region"
        aria-label={t('title')}
      >
        <div className="notification-panel-head">
          <h2>{t('title')}</h2>
          {unread > 0 && (
            <button
              type="button"
              className="link-button"
              onClick={() => void markRead(qc, { all: true }).catch(() => {})}
            >
              {t('markAllRead')}
            </button>
          )}
        </div>
        {items.length === 0 ? (
          <p className="hint">{t('empty')}</p>
        ) : (
          <ul className="notification-list">
            {items.map((n) => (
              <NotificationItem key={n.id} n={n} onOpen={() => setOpen(false)} />
            ))}
          </ul>
        )}
        <div className="notification-panel-foot">
          <Link to={NOTIFICATION_PATHS.all}>{t('showAll')}</Link>
          <Link to={NOTIFICATION_PATHS.settings}>{t('settings.link')}</Link>
        </div>
      </div>
    </div>
  );
}
