import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, type Plugin } from 'vite';

/** Where the server finds the prerendered pages (apps/server/src/http/static.ts reads it). */
const PRERENDERED_FILE = 'prerendered.json';

/*
 * The landing page and the join form are what a visitor from the League's site sees first, on a
 * phone, often on a slow connection: their words used to appear only once ~70 kB of scripts had
 * arrived and run. This renders them at build time (src/prerender/first-pages.tsx, the app's own
 * components, signed out, in each language) into prerendered.json; the server puts a page in its
 * HTML for a browser without a session, so it shows with the HTML and the stylesheets, and React
 * takes over the same markup when it starts (decisions 85, 87).
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
          ssr: 'src/prerender/first-pages.tsx',
          outDir: ssrDir,
          emptyOutDir: true,
          rolldownOptions: { output: { entryFileNames: 'first-pages.mjs' } },
        },
      });
      const { renderFirstPages } = (await import(
        pathToFileURL(path.join(ssrDir, 'first-pages.mjs')).href
      )) as typeof import('./src/prerender/first-pages.js');
      writeFileSync(path.join(outDir, PRERENDERED_FILE), JSON.stringify(await renderFirstPages()));
    },
  };
}
