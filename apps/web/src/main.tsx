import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { initI18n } from './lib/i18n.js';
import './app/styles.css';

// The strings of one language arrive first (their own small chunk); a failed fetch still
// renders the app, which then shows its keys rather than nothing.
void initI18n()
  .catch(() => undefined)
  .then(() =>
    createRoot(document.getElementById('root') as HTMLElement).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
