import type { Notification } from '@yhteistyotila/protocol';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../lib/query-keys.js';
import { useSession } from '../../lib/session.js';
import { request } from '../../lib/socket.js';

export interface NotificationPage {
  notifications: Notification[];
  unread: number;
  hasMore: boolean;
}

/**
 * The newest page of my notifications with the unread count: one cache entry that the facts
 * (`notification:created`, `notification:read`) keep current in every tab (NotificationsRuntime),
 * and that is fetched again on every (re)connect, the catch-up after time away.
 */
export function useNotifications() {
  const { user } = useSession();
  return useQuery({
    queryKey: queryKeys.notifications,
    queryFn: () => request('notification:list', {}),
    enabled: Boolean(user),
    staleTime: Infinity,
  });
}

export function addNotification(qc: QueryClient, n: Notification) {
  qc.setQueryData<NotificationPage>(queryKeys.notifications, (page) => {
    if (!page || page.notifications.some((x) => x.id === n.id)) return page;
    return {
      ...page,
      notifications: [n, ...page.notifications],
      unread: page.unread + (n.readAt ? 0 : 1),
    };
  });
}

export function applyRead(
  qc: QueryClient,
  state: { ids: string[]; all: boolean; readAt: string; unread: number },
) {
  const ids = new Set(state.ids);
  qc.setQueryData<NotificationPage>(queryKeys.notifications, (page) =>
    page
      ? {
          ...page,
          unread: state.unread,
          notifications: page.notifications.map((n) =>
            !n.readAt && (state.all || ids.has(n.id)) ? { ...n, readAt: state.readAt } : n,
          ),
        }
      : page,
  );
}

export async function markRead(qc: QueryClient, input: { ids: string[] } | { all: true }) {
  applyRead(qc, await request('notification:read', input));
}
