import { useSyncExternalStore } from 'react';

/*
 * The browser's Notification API, only after the person pressed the button (we never prompt
 * unasked). The choice is remembered per browser; the permission itself is the browser's.
 */
const KEY = 'yt.notifications';
const listeners = new Set<() => void>();

export const notificationsSupported = () =>
  typeof window !== 'undefined' && 'Notification' in window;

export function notificationsEnabled(): boolean {
  return (
    notificationsSupported() &&
    Notification.permission === 'granted' &&
    localStorage.getItem(KEY) === 'on'
  );
}

export async function setNotificationsEnabled(on: boolean): Promise<boolean> {
  if (on) {
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') return false;
  }
  localStorage.setItem(KEY, on ? 'on' : 'off');
  listeners.forEach((l) => l());
  return true;
}

export const useNotificationsEnabled = () =>
  useSyncExternalStore((l) => {
    listeners.add(l);
    return () => void listeners.delete(l);
  }, notificationsEnabled);

export function notifyInBrowser(title: string, body: string, onClick: () => void) {
  if (!notificationsEnabled() || !document.hidden) return;
  const n = new Notification(title, { body, tag: title });
  n.onclick = () => {
    window.focus();
    onClick();
    n.close();
  };
}
