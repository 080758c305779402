import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { localePreload } from './locale-preload.js';
import { precompress } from './precompress.js';
import { serviceWorker } from './service-worker.js';

const conditions = ['yhteistyotila-source'];
const server = process.env.DEV_API ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react(), serviceWorker(), localePreload(), precompress()],
  resolve: { conditions: [...conditions, 'module', 'browser', 'development|production'] },
  build: { sourcemap: true, target: 'es2022', chunkSizeWarningLimit: 600 },
  server: {
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
    },
  },
});
