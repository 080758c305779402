import { PRESENCE_IDLE_MS, type PresenceUpdate } from '@yhteistyotila/protocol';
import { useEffect } from 'react';
import { useSession } from '../../lib/session.js';
import { getSocket, request } from '../../lib/socket.js';
import { applyPresence, refreshPresence, refreshPresenceSoon } from './store.js';

/**
 * Tells the server whether this tab is in use: 'away' when hidden or idle for PRESENCE_IDLE_MS,
 * 'online' again on input. Also keeps the presence store current. Renders nothing.
 */
export function PresenceReporter() {
  const { user } = useSession();
  const userId = user?.id;
  useEffect(() => {
    if (!userId) return;
    const socket = getSocket();
    let status: 'online' | 'away' = document.hidden ? 'away' : 'online';
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    const report = (next: 'online' | 'away', force = false) => {
      if (next === status && !force) return;
      status = next;
      if (socket.connected)
        request('presence:set', { status: next }).then(
          (r) => applyPresence(r.presence),
          () => {},
        );
    };
    const armIdle = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => report('away'), PRESENCE_IDLE_MS);
    };
    const onInput = () => {
      if (document.hidden) return;
      armIdle();
      report('online');
    };
    const onVisibility = () => (document.hidden ? report('away') : onInput());
    const onConnect = () => {
      report(status, true);
      void refreshPresence();
    };
    const onChanged = ({ changes, more }: { changes: PresenceUpdate[]; more?: true }) => {
      for (const change of changes) applyPresence(change);
      if (more) refreshPresenceSoon();
    };
    socket.on('connect', onConnect);
    socket.on('presence:changed', onChanged);
    if (socket.connected) onConnect();
    document.addEventListener('visibilitychange', onVisibility);
    const inputs = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const e of inputs) window.addEventListener(e, onInput, { passive: true });
    armIdle();
    return () => {
      clearTimeout(idleTimer);
      socket.off('connect', onConnect);
      socket.off('presence:changed', onChanged);
      document.removeEventListener('visibilitychange', onVisibility);
      for (const e of inputs) window.removeEventListener(e, onInput);
    };
  }, [userId]);
  return null;
}
