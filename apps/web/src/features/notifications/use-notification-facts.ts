import type { Notification } from '@yhteistyotila/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { queryKeys } from '../../lib/query-keys.js';
import { getSocket } from '../../lib/socket.js';
import { addNotification, applyRead } from './notifications-store.js';

/** Keeps the centre's cache current from facts, in every tab and device of the person. */
export function useNotificationFacts() {
  const qc = useQueryClient();
  useEffect(() => {
    const socket = getSocket();
    const onCreated = ({ notification }: { notification: Notification }) =>
      addNotification(qc, notification);
    const onRead = (state: Parameters<typeof applyRead>[1]) => applyRead(qc, state);
    // Whatever happened while disconnected: the list is fetched again.
    const onConnect = () => void qc.invalidateQueries({ queryKey: queryKeys.notifications });
    socket.on('notification:created', onCreated);
    socket.on('notification:read', onRead);
    socket.on('connect', onConnect);
    return () => {
      socket.off('notification:created', onCreated);
      socket.off('notification:read', onRead);
      socket.off('connect', onConnect);
    };
  }, [qc]);
}
