import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO } from './env.js';

/**
 * The JavaScript a browser loads before the first page: the scripts apps/web/dist/index.html
 * names (its start script, and those it preloads after the first paint: `data-later`; lazy
 * route chunks come later). Gzip level 9,
 * in kB of 1,000 bytes as Vite reports them. Needs the web build (`npm run bench` builds first).
 */
export function measureInitialJs(): { kb: number; files: { file: string; kb: number }[] } {
  const dist = path.join(REPO, 'apps/web/dist');
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const urls = new Set(
    [
      ...html.matchAll(
        /<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g,
      ),
    ].map((m) => m[1] as string),
  );
  for (const url of /data-later="([^"]*)"/.exec(html)?.[1]?.split(' ') ?? [])
    if (url) urls.add(url);
  const files = [...urls].map((url) => {
    const bytes = gzipSync(readFileSync(path.join(dist, url.replace(/^\//, ''))), { level: 9 });
    return { file: url, kb: Math.round(bytes.length / 100) / 10 };
  });
  const kb = Math.round(files.reduce((n, f) => n + f.kb, 0) * 10) / 10;
  return { kb, files };
}
