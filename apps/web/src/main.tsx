import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { initI18n } from './lib/i18n.js';
import { askSessionEarly, awaitEarlySession } from './lib/session.js';
import './app/styles.css';

// The landing page's strings in one language arrive first (their own small chunk; a page's
// route brings the others, lib/i18n.ts); a failed fetch still renders the app, which then
// shows its keys rather than nothing.
// A landing page served with its content (decision 85) is hydrated, not replaced: focus and
// anything else the visitor did before the app started stay. It renders once the session is
// known, so the first render is the same page, not "loading".
askSessionEarly();
const root = document.getElementById('root') as HTMLElement;
// Only "/" is served so; the service worker may answer another path offline with a copy of it.
const prerendered = root.hasAttribute('data-prerendered') && location.pathname === '/';
const app = (
  <StrictMode>
    <App />
  </StrictMode>
);
void Promise.all([initI18n().catch(() => undefined), prerendered && awaitEarlySession()]).then(
  () => {
    if (prerendered) hydrateRoot(root, app);
    else createRoot(root).render(app);
  },
);
