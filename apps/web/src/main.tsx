import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App, routerReady } from './app/App.js';
import { initI18n, storedLanguage } from './lib/i18n.js';
import { askSessionEarly, awaitEarlySession } from './lib/session.js';
import './app/styles.css';

// The landing page's strings in one language arrive first (their own small chunk; a page's
// route brings the others, lib/i18n.ts); a failed fetch still renders the app, which then
// shows its keys rather than nothing.
// A page served with its content (the landing page, the join form: decisions 85, 87) is
// hydrated, not replaced: focus, what was typed and anything else the visitor did before the app
// started stay. It renders once the session is known (or after a few seconds without an answer)
// and the page's code has arrived, so the first render is the same page, not "loading". Only
// the path the content was made for is hydrated (the service worker may answer another path
// offline with a copy of the landing page), and only in the language the app will show: a
// language chosen on this device that the browser does not ask for gets the page drawn anew.
askSessionEarly();
const root = document.getElementById('root') as HTMLElement;
const served = root.dataset.prerendered === location.pathname;
const hydrate = served && document.documentElement.lang === storedLanguage();
const app = (
  <StrictMode>
    <App />
  </StrictMode>
);
const sessionKnown = () =>
  Promise.race([awaitEarlySession(), new Promise((wait) => setTimeout(wait, 3000))]);
void Promise.all([
  initI18n().catch(() => undefined),
  served && sessionKnown(),
  hydrate && routerReady(),
]).then(() => {
  if (hydrate) hydrateRoot(root, app);
  else createRoot(root).render(app);
});
