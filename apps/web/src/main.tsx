import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App, routerReady } from './app/App.js';
import { changeLanguage, initI18n, ourLanguage, storedLanguage } from './lib/i18n.js';
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
// offline with a copy of the landing page). It is hydrated in the language it was served in
// (the browser's); a language chosen on this device follows at once, over the hydrated page, so
// nothing typed meanwhile is lost.
askSessionEarly();
const root = document.getElementById('root') as HTMLElement;
const servedIn =
  root.dataset.prerendered === location.pathname
    ? ourLanguage(document.documentElement.lang)
    : null;
const wanted = storedLanguage();
const sessionKnown = () =>
  Promise.race([awaitEarlySession(), new Promise((wait) => setTimeout(wait, 3000))]);
void Promise.all([
  initI18n(servedIn ?? wanted).catch(() => undefined),
  servedIn && sessionKnown(),
  servedIn && routerReady(),
]).then(() => {
  if (!servedIn) {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
    return;
  }
  const switchLanguage = servedIn === wanted ? undefined : () => void changeLanguage(wanted);
  hydrateRoot(
    root,
    <StrictMode>
      <App onStarted={switchLanguage} />
    </StrictMode>,
  );
});
