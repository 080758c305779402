import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/*
 * The app's entry script runs after the browser's first paint, not before it: the HTML's own
 * content (the shell, the prerendered landing page: prerender.ts) is on screen first however
 * fast the scripts arrive. On a first visit over a phone's network the scripts arrive after the
 * HTML anyway; on a return visit, from the cache, they would otherwise run before anything is
 * painted. They still download at once: the entry stays preloaded (decision 85).
 */
const ENTRY_TAG = /<script type="module" crossorigin src="(\/assets\/index-[\w-]+\.js)"><\/script>/;

/** A classic script (it can read its own tag), under /assets/ so the service worker keeps it. */
const START = `(() => {
  const entry = document.currentScript.dataset.entry;
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    void import(entry);
  };
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
