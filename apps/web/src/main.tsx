import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { initI18n } from './lib/i18n.js';
import { askSessionEarly } from './lib/session.js';
import './app/styles.css';

// The landing page's strings in one language arrive first (their own small chunk; a page's
// route brings the others, lib/i18n.ts); a failed fetch still renders the app, which then
// shows its keys rather than nothing.
askSessionEarly();
void initI18n()
  .catch(() => undefined)
  .then(() =>
    createRoot(document.getElementById('root') as HTMLElement).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
