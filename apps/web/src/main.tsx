import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App, routerReady } from './app/App.js';
import { changeLanguage, initI18n, ourLanguage, storedLanguage } from './lib/i18n.js';
import { askSessionEarly, nobodySignedInWhenServed } from './lib/session.js';
import './app/styles.css';

// The landing page's strings in one language arrive first (their own small chunk; a page's
// route brings the others, lib/i18n.ts); a failed fetch still renders the app, which then
// shows its keys rather than nothing.
// A page served with its content (the landing page, the join form: decisions 85, 87) is
// hydrated, not replaced: focus, what was typed and anything else the visitor did before the
// app started stay. It renders as a visitor's (it was served to a request without a session)
// once the page's code has arrived, so the first render is the same page, not "loading". Only
// the path the content was made for is hydrated (an offline copy a service worker kept before
// decision 92 may answer another path with the landing page). It is hydrated in the language it
// was served in (the browser's); a language chosen on this device follows at once, over the
// hydrated page, so nothing typed meanwhile is lost.
askSessionEarly();
const root = document.getElementById('root') as HTMLElement;
const servedIn =
  root.dataset.prerendered === location.pathname
    ? ourLanguage(document.documentElement.lang)
    : null;
const wanted = storedLanguage();
if (servedIn) nobodySignedInWhenServed();
void Promise.all([
  initI18n(servedIn ?? wanted).catch(() => undefined),
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
  // Read when the app has started: a language picked in the list before it started is stored by
  // then (LanguageSwitcher), and wins over the one stored when the page was opened.
  const switchLanguage = () => {
    const chosen = storedLanguage();
    if (chosen !== servedIn) void changeLanguage(chosen);
  };
  hydrateRoot(
    root,
    <StrictMode>
      <App onStarted={switchLanguage} />
    </StrictMode>,
  );
});
