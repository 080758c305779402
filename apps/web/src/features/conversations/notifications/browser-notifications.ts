import { createStore, useStore } from '../../../lib/store.js';

/*
 * The browser's Notification API, only after the person pressed the button (we never prompt
 * unasked). The choice is remembered per browser; the permission itself is the browser's.
 */
const KEY = 'yt.notifications';
const choice = createStore();

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
  choice.notify();
  return true;
}

export const useNotificationsEnabled = () => useStore(choice, notificationsEnabled);

export function notifyInBrowser(title: string, body: string, onClick: () => void) {
  if (!notificationsEnabled() || !document.hidden) return;
  const n = new Notification(title, { body, tag: title });
  n.onclick = () => {
    window.focus();
    onClick();
    n.close();
  };
}
