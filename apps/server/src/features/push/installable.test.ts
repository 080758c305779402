import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWholeServer, type WholeServer } from '../../test/whole-server.js';

/**
 * The installable app's files as the server hands them out: the service worker and the manifest
 * are asked for again on every check (no-cache: a new sw.js is how a new protocol version reaches
 * an installed app), and a missing one is a 404, never the app shell under a script's name.
 */
let whole: WholeServer;
beforeAll(async () => {
  whole = await startWholeServer({}, 'info');
});
afterAll(() => whole.close());

describe('the installable app’s files', () => {
  it('sw.js and manifest.webmanifest: no-cache, with their own content types', async () => {
    const sw = await fetch(`${whole.url}/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(await sw.text()).toContain('push');
    const manifest = await fetch(`${whole.url}/manifest.webmanifest`);
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('cache-control')).toBe('no-cache');
    expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
  });

  it('a missing icon or worker is a 404, not index.html', async () => {
    for (const path of ['/icons/nope.png', '/sw.js/extra']) {
      const res = await fetch(`${whole.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type') ?? '', path).not.toMatch(/html/);
    }
  });
});
