import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, type Plugin } from 'vite';

/** Where the server finds the prerendered pages (apps/server/src/http/static.ts reads it). */
const PRERENDERED_FILE = 'prerendered.json';

/*
 * The landing page is what a visitor from the League's site sees first, on a phone, often on a
 * slow connection: its words used to appear only once ~70 kB of scripts had arrived and run.
 * This renders it at build time (src/prerender/landing.tsx, the app's own components, signed
 * out, in each language) into prerendered.json; the server puts it in "/"'s HTML for a browser
 * without a session, so the page shows with the HTML and the stylesheet, and React replaces it
 * with the same markup when it starts (decision 85).
 */
export function prerender(conditions: string[]): Plugin {
  let root = '';
  let outDir = '';
  return {
    name: 'yhteistyotila-prerender',
    apply: (_config, env) => env.command === 'build' && !env.isSsrBuild,
    configResolved(config) {
      root = config.root;
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      // Inside the package, so the built module finds react and the rest in node_modules.
      const ssrDir = path.join(root, 'node_modules/.prerender');
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        plugins: [react()],
        resolve: { conditions },
        ssr: {
          resolve: { conditions: [...conditions, 'module', 'node', 'development|production'] },
        },
        build: {
          ssr: 'src/prerender/landing.tsx',
          outDir: ssrDir,
          emptyOutDir: true,
          rolldownOptions: { output: { entryFileNames: 'landing.mjs' } },
        },
      });
      const { renderLandings } = (await import(
        pathToFileURL(path.join(ssrDir, 'landing.mjs')).href
      )) as typeof import('./src/prerender/landing.js');
      writeFileSync(
        path.join(outDir, PRERENDERED_FILE),
        JSON.stringify({ '/': await renderLandings() }),
      );
    },
  };
}
