import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { localePreload } from './locale-preload.js';
import { precompress } from './precompress.js';
import { prerender } from './prerender.js';
import { routePreload } from './route-preload.js';
import { serviceWorker } from './service-worker.js';
import { startAfterPaint } from './start-after-paint.js';

const conditions = ['yhteistyotila-source'];

/*
 * zod, the protocol's schemas and the client that parses answers with them are one chunk
 * (`api`), as they were when the entry imported them: signed-in screens load them in one request,
 * not one per protocol module. The landing page loads none of it (lib/session.ts). What it does
 * load beside the entry and is shared with the lazy pages (React, i18next, the protocol's modules
 * without zod, the request half of the client, small helpers) is one chunk too (`shell`), rather
 * than ten, most of a few hundred bytes. `shell` comes first, so `api` imports these modules rather
 * than swallowing them; were one of them caught in `api`, the landing page would download all
 * of it again, and e2e/first-load.e2e.ts would fail.
 */
const shell = (id: string) =>
  /\/packages\/protocol\/src\/(languages|role-rank|paths)\.ts$/.test(id) ||
  /\/apps\/web\/src\/lib\/(api-fetch|i18n|query-keys|store|locale-bundle)\.ts$/.test(id) ||
  /\/node_modules\/react\//.test(id) ||
  /\/node_modules\/@tanstack\/react-query\/build\/modern\/QueryClientProvider\.js$/.test(id);
// The protocol's zod-free modules the join form shows before it loads the schemas (decision 84):
// a chunk of their own (left to the bundler, they join `api`, whose other users they share), so
// the form's first paint does not wait for all of `api`.
const zodFree = (id: string) =>
  /\/packages\/protocol\/src\/(access-codes|municipalities)\.ts$/.test(id) ||
  /\/packages\/protocol\/src\/data\/[\w-]+\.json$/.test(id);
const api = (id: string) =>
  !shell(id) &&
  !zodFree(id) &&
  (/\/node_modules\/zod\//.test(id) ||
    /\/packages\/protocol\/src\//.test(id) ||
    /\/apps\/web\/src\/lib\/api\.ts$/.test(id));

const server = process.env.DEV_API ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [
    react(),
    serviceWorker(),
    localePreload(),
    // The protocol is imported when the page is built (see locale-preload.ts for why).
    routePreload(async () => {
      const { DEFAULT_LANGUAGE, LANGUAGES } = await import('@yhteistyotila/protocol');
      return { defaultLanguage: DEFAULT_LANGUAGE, all: LANGUAGES };
    }),
    startAfterPaint(),
    prerender(conditions),
    precompress(),
  ],
  resolve: { conditions: [...conditions, 'module', 'browser', 'development|production'] },
  build: {
    sourcemap: true,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'shell', test: shell, priority: 3 },
            { name: 'zod-free', test: zodFree, priority: 2 },
            { name: 'api', test: api, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
    },
  },
});
