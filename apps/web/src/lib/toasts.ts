import { createStore, useStore } from './store.js';

export interface Toast {
  id: number;
  title: string;
  body: string;
  /** In-app link to open (the message in context). */
  to: string;
}

const TOAST_MS = 8000;
const MAX_TOASTS = 3;
let toasts: Toast[] = [];
let nextId = 1;
const store = createStore();

export function showToast(toast: Omit<Toast, 'id'>) {
  const id = nextId++;
  toasts = [...toasts, { ...toast, id }].slice(-MAX_TOASTS);
  store.notify();
  setTimeout(() => dismissToast(id), TOAST_MS);
}

export function dismissToast(id: number) {
  toasts = toasts.filter((t) => t.id !== id);
  store.notify();
}

export const useToasts = () => useStore(store, () => toasts);
