import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/*
 * The app's scripts download after the browser's first contentful paint, and its entry runs then,
 * not before: the HTML's own content (the shell, the prerendered landing page: prerender.ts) is
 * on screen first however fast the scripts arrive, and a phone's first paint shares the network
 * with nothing (a few dozen scripts beside the stylesheet delay it). index.html therefore names
 * no script in <head>: its module preloads move into the start script's `data-later`, where the
 * server adds a page's own (server first-pages.ts), and the start script preloads them all at
 * once, flat, when the page has painted (decisions 85, 92, 93).
 *
 * A page served with its content (the landing page, the join form: `#root[data-prerendered]` is
 * this path) needs no script to be read, so there the app starts at the visitor's first sign of
 * use (a touch, a key, a pointer, focus), with its scripts already preloaded after the paint
 * (decision 92). A language chosen on this device other than the one served starts the app at
 * once (it draws the page in that language). `yt.language` is lib/i18n.ts's key.
 */
/** The build's own preloads, each on its line (Vite's and locale-preload.ts's). */
const MODULE_PRELOAD = /\n\s*<link rel="modulepreload" crossorigin href="([^"]+)">/g;
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
  // Once the content is on screen: a frame can come before the stylesheet lets it paint. A tab
  // opened in the background paints nothing, so it goes on at once. Where paint entries cannot
  // be observed (older Safari) or were not replayed (older iOS), a frame after this deferred
  // script (it runs once the stylesheets are in) is past the paint.
  const whenPainted = (then, fallbackMs) => {
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      then();
    };
    const fcp = 'first-contentful-paint';
    const afterFrame = () => requestAnimationFrame(() => setTimeout(once, 0));
    if (document.visibilityState === 'hidden' || performance.getEntriesByName(fcp).length) return once();
    try {
      if (!(PerformanceObserver.supportedEntryTypes || []).includes('paint')) throw new Error();
      new PerformanceObserver((list, observer) => {
        if (!list.getEntriesByName(fcp).length) return;
        observer.disconnect();
        once();
      }).observe({ type: 'paint', buffered: true });
    } catch {
      afterFrame();
    }
    setTimeout(once, fallbackMs);
  };
  if (served) {
    for (const type of intents) addEventListener(type, start, { capture: true, passive: true });
    whenPainted(() => {
      preloadLater();
      if (otherLanguage()) start();
    }, 3000);
    return;
  }
  whenPainted(() => {
    preloadLater();
    start();
  }, 1000);
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
        const preloads = [...html.matchAll(MODULE_PRELOAD)].map((m) => m[1]!);
        const later = [entry, ...preloads.filter((href) => href !== entry)];
        // crossorigin: the import is then fetched as the preload was, and the preload is used.
        return html
          .replace(MODULE_PRELOAD, '')
          .replace(
            ENTRY_TAG,
            `<script src="/${START_FILE}" data-entry="${entry}" data-later="${later.join(' ')}" ` +
              'crossorigin defer></script>',
          );
      },
    },
  };
}
