import path from 'node:path';
import { build, type Plugin, type Rolldown } from 'vite';

const ENTRY = path.join(import.meta.dirname, 'src/features/push/service-worker/sw.ts');

/**
 * Builds the service worker (src/features/push/service-worker/sw.ts) into the web build as
 * /sw.js: one self-contained classic script (a service worker at the site's root needs a fixed
 * name and no imports), with the protocol version written in, so that a new version is a new
 * sw.js for the browser to install. A hand-written worker is ~150 lines; a PWA plugin would
 * bring Workbox and a precache manifest this app does not want (it caches almost nothing).
 */
export function serviceWorker(): Plugin {
  return {
    name: 'yhteistyotila-service-worker',
    apply: 'build',
    async generateBundle() {
      // Imported here, not at the top: tools that load this config before the protocol package
      // is built (knip in CI's lint step) would fail on its missing dist/.
      const { PROTOCOL_VERSION } = await import('@yhteistyotila/protocol');
      const result = await build({
        configFile: false,
        logLevel: 'warn',
        define: { __PROTOCOL_VERSION__: JSON.stringify(PROTOCOL_VERSION) },
        build: {
          write: false,
          target: 'es2022',
          minify: true,
          sourcemap: false,
          lib: {
            entry: ENTRY,
            formats: ['iife'],
            name: 'ytServiceWorker',
            fileName: () => 'sw.js',
          },
        },
      });
      const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
      const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
      if (!chunk) throw new Error('service worker build produced nothing');
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: chunk.code });
    },
  };
}
