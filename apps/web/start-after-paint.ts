import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/*
 * The app's entry script runs after the browser's first paint, not before it: the HTML's own
 * content (the shell, the prerendered landing page: prerender.ts) is on screen first however
 * fast the scripts arrive. On a first visit over a phone's network the scripts arrive after the
 * HTML anyway; on a return visit, from the cache, they would otherwise run before anything is
 * painted. They still download at once: the entry stays preloaded (decision 85).
 *
 * A page served with its content (the landing page, the join form: `#root[data-prerendered]` is
 * this path) needs no script to be read, so there the app starts at the visitor's first sign of
 * use (a touch, a key, a pointer, focus), and its scripts, named by the server in `data-later`,
 * download after the first paint rather than beside it: a phone's first paint shares the network
 * with nothing, and its main thread stays free while the visitor reads (decision 92). A language
 * chosen on this device other than the one served starts the app at once (it draws the page in
 * that language). `yt.language` is lib/i18n.ts's key.
 */
const ENTRY_TAG = /<script type="module" crossorigin src="(\/assets\/index-[\w-]+\.js)"><\/script>/;

/** A classic script (it can read its own tag), under /assets/ so the service worker keeps it. */
const START = `(() => {
  const script = document.currentScript;
  const entry = script.dataset.entry;
  const later = (script.dataset.later || '').split(' ').filter(Boolean);
  const root = document.getElementById('root');
  const served = Boolean(root) && root.dataset.prerendered === location.pathname;
  const intents = ['pointerdown', 'pointerover', 'touchstart', 'keydown', 'focusin', 'input', 'change'];
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    for (const type of intents) removeEventListener(type, start, true);
    void import(entry);
  };
  const otherLanguage = () => {
    try {
      const chosen = localStorage.getItem('yt.language');
      return Boolean(chosen) && chosen !== document.documentElement.lang;
    } catch {
      return false;
    }
  };
  const preloadLater = () => {
    for (const href of later) {
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.crossOrigin = 'anonymous';
      link.href = href;
      document.head.append(link);
    }
  };
  if (served) {
    for (const type of intents) addEventListener(type, start, { capture: true, passive: true });
    // Once the content is on screen: a frame can come before the stylesheet lets it paint.
    let preloaded = false;
    const painted = () => {
      if (preloaded) return;
      preloaded = true;
      preloadLater();
      if (otherLanguage()) start();
    };
    try {
      new PerformanceObserver((list, observer) => {
        if (!list.getEntriesByName('first-contentful-paint').length) return;
        observer.disconnect();
        painted();
      }).observe({ type: 'paint', buffered: true });
    } catch {
      requestAnimationFrame(() => setTimeout(painted, 0));
    }
    setTimeout(painted, 3000);
    return;
  }
  preloadLater();
  // After the frame that paints the HTML; a tab opened in the background paints no frame.
  requestAnimationFrame(() => setTimeout(start, 0));
  setTimeout(start, 200);
})();
`;
const START_FILE = `assets/start-${createHash('sha256').update(START).digest('hex').slice(0, 8)}.js`;

export function startAfterPaint(): Plugin {
  return {
    name: 'yhteistyotila-start-after-paint',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: START_FILE, source: START });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const entry = ENTRY_TAG.exec(html)?.[1];
        if (!entry) throw new Error('start-after-paint: no entry script in index.html');
        // crossorigin: the import is then fetched as the preload was, and the preload is used.
        return html.replace(
          ENTRY_TAG,
          `<link rel="modulepreload" crossorigin href="${entry}">\n    ` +
            `<script src="/${START_FILE}" data-entry="${entry}" crossorigin defer></script>`,
        );
      },
    },
  };
}
