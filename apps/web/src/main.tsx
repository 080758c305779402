import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { initI18n } from './lib/i18n.js';
import { askSessionEarly, awaitEarlySession } from './lib/session.js';
import './app/styles.css';

// The landing page's strings in one language arrive first (their own small chunk; a page's
// route brings the others, lib/i18n.ts); a failed fetch still renders the app, which then
// shows its keys rather than nothing.
// A landing page served with its content (decision 85) renders once the session is known, so
// React draws the same page over it rather than "loading" first.
askSessionEarly();
const prerendered = document.getElementById('root')?.hasAttribute('data-prerendered');
void Promise.all([initI18n().catch(() => undefined), prerendered && awaitEarlySession()]).then(() =>
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
