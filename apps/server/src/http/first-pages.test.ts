import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../auth/lucia.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import { preferredLanguage } from './first-pages.js';

/**
 * The landing page's and the join form's HTML carry their content for a visitor (decisions 85,
 * 87): in the language the app would pick for their browser, never for someone signed in (their
 * "/" becomes their conversations, and the landing page would flash), and with a build of its
 * own, so the test does not depend on `vite build` (the browser tests cover the real one).
 */
let server: TestServer;
let webDist: string;
const INDEX = `<!doctype html>
<html lang="fi">
  <head><title>Yhteistyötila</title>
    <link rel="modulepreload" crossorigin href="/assets/index-a.js">
    <script src="/assets/start-a.js" data-entry="/assets/index-a.js" crossorigin defer></script>
    <link rel="modulepreload" crossorigin href="/assets/fi-a.js">
  </head>
  <body>
    <div id="root">
      <div class="app"><header>shell</header><main id="main"></main></div>
    </div>
  </body>
</html>`;
const LANDING = { fi: '<h1>Tervetuloa</h1>', sv: '<h1>Välkommen</h1>', en: '<h1>Welcome</h1>' };
const JOIN = { fi: '<form>Liity</form>', sv: '<form>Gå med</form>', en: '<form>Join</form>' };

beforeAll(async () => {
  webDist = mkdtempSync(path.join(tmpdir(), 'yt-web-'));
  mkdirSync(path.join(webDist, 'assets'));
  writeFileSync(path.join(webDist, 'index.html'), INDEX);
  writeFileSync(
    path.join(webDist, 'prerendered.json'),
    JSON.stringify({ '/': LANDING, '/liity': JOIN }),
  );
  writeFileSync(
    path.join(webDist, 'route-preloads.json'),
    JSON.stringify({
      '/liity': {
        signedIn: false,
        files: ['/assets/JoinPage-abc.js', '/assets/fi-more-a.js', '/assets/access-abc.css'],
      },
      '/c/:conversationId': { signedIn: true, files: ['/assets/ConversationPage-abc.js'] },
    }),
  );
  writeFileSync(
    path.join(webDist, 'locale-files.json'),
    JSON.stringify(
      Object.fromEntries(
        ['fi', 'sv', 'en'].map((l) => [
          l,
          { strings: `/assets/${l}-a.js`, more: `/assets/${l}-more-a.js` },
        ]),
      ),
    ),
  );
  server = await startTestServer({ SERVE_WEB: 'true', WEB_DIST: webDist });
});
afterAll(async () => {
  await server.close();
  rmSync(webDist, { recursive: true, force: true });
});

const page = (pathname: string, headers: Record<string, string> = {}) =>
  fetch(server.url + pathname, { headers });

describe('the landing page served with its content', () => {
  it('gives a visitor the page in their browser’s language, in place of the shell', async () => {
    const res = await page('/', { 'accept-language': 'sv-FI,sv;q=0.9,en;q=0.8' });
    const html = await res.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('<div id="root" data-prerendered="/"><h1>Välkommen</h1></div>');
    expect(html).not.toContain('shell');
    // Its content needs no script: the start script preloads them after the first paint.
    expect(html).not.toContain('modulepreload');
    // In the language it is served in: the Swedish strings, not the default's.
    expect(html).toContain(
      '<script src="/assets/start-a.js" data-entry="/assets/index-a.js" ' +
        'data-later="/assets/index-a.js /assets/sv-a.js" crossorigin defer></script>',
    );
    expect(html).toMatch(/<\/div>\s*<\/body>\s*<\/html>$/);
    expect(res.headers.get('vary')).toMatch(/Cookie/);
    expect(res.headers.get('vary')).toMatch(/Accept-Language/);
    expect(res.headers.get('cache-control')).toBe('no-cache');

    const finnish = await (await page('/')).text();
    expect(finnish).toContain('<h1>Tervetuloa</h1>');
    expect(finnish).toContain('<html lang="fi">');
  });

  it('gives someone with a session the plain shell, and every other page too', async () => {
    const signedIn = await page('/', { cookie: `a=1; ${SESSION_COOKIE}=xyz` });
    expect(await signedIn.text()).toBe(INDEX);
    // Every answer of "/" varies alike, so a cache never keys one of them differently.
    expect(signedIn.headers.get('vary')).toMatch(/Cookie, Accept-Language/);
    const other = await (await page('/tietosuoja')).text();
    expect(other).toBe(INDEX);
    const joinSignedIn = await page('/liity', { cookie: `${SESSION_COOKIE}=xyz` });
    expect(joinSignedIn.headers.get('vary')).toMatch(/Cookie, Accept-Language/);
    const join = await joinSignedIn.text();
    expect(join).toContain(
      'data-later="/assets/index-a.js /assets/fi-a.js /assets/JoinPage-abc.js /assets/fi-more-a.js"',
    );
    expect(join).toContain(
      '<link rel="preload" as="style" crossorigin href="/assets/access-abc.css">',
    );
    expect(join).not.toContain('Liity');
    expect(join).not.toContain('Tervetuloa');
  });
});

describe('the join form served with its content', () => {
  it('gives a visitor the form with its stylesheet, its scripts named for after the first paint', async () => {
    const res = await page('/liity', { 'accept-language': 'en-GB,en;q=0.9' });
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<div id="root" data-prerendered="/liity"><form>Join</form></div>');
    // The form is drawn with its own stylesheet (a preload would let it show unstyled).
    expect(html).toContain('<link rel="stylesheet" crossorigin href="/assets/access-abc.css">');
    expect(html).not.toContain('modulepreload');
    expect(html).toContain(
      'data-later="/assets/index-a.js /assets/en-a.js /assets/JoinPage-abc.js /assets/en-more-a.js"',
    );
    expect(res.headers.get('vary')).toMatch(/Cookie, Accept-Language/);
    // Its own path only: the pages after it are the app's.
    const status = await (await page('/liity/tila')).text();
    expect(status).toBe(INDEX);
  });
});

describe('a first page’s code named for preloading', () => {
  it('names a conversation’s code to someone with a session, on that path only', async () => {
    const cookie = `${SESSION_COOKIE}=xyz`;
    const named = (html: string) => /data-later="([^"]*)"/.exec(html)?.[1]?.split(' ') ?? [];
    const open = await page('/c/65a1b2c3d4e5f60718293a4b', { cookie });
    const html = await open.text();
    // For after the first paint, with the app's own (decision 93): none beside the stylesheet.
    expect(named(html)).toEqual([
      '/assets/index-a.js',
      '/assets/fi-a.js',
      '/assets/ConversationPage-abc.js',
    ]);
    expect(html).not.toContain('modulepreload');
    expect(open.headers.get('vary')).toMatch(/Cookie/);
    // A visitor's request ends on the sign-in page: nothing of the conversation for it.
    expect(await (await page('/c/65a1b2c3d4e5f60718293a4b')).text()).toBe(INDEX);
    for (const other of ['/c', '/c/a/b', '/cc/a', '/c/a/m/b'])
      expect(named(await (await page(other, { cookie })).text()), other).not.toContain(
        '/assets/ConversationPage-abc.js',
      );
  });
});

describe('a build that names its own scripts for after the first paint', () => {
  it('adds a page’s scripts to the same list, once each, in the page’s language', async () => {
    // The web build moves its preloads into `data-later` (start-after-paint.ts, decision 93).
    const dist = mkdtempSync(path.join(tmpdir(), 'yt-web-'));
    mkdirSync(path.join(dist, 'assets'));
    const own = '/assets/index-a.js /assets/shell-a.js /assets/fi-a.js';
    writeFileSync(
      path.join(dist, 'index.html'),
      INDEX.replace(/\n\s*<link rel="modulepreload" crossorigin href="[^"]+">/g, '').replace(
        'data-entry="/assets/index-a.js"',
        `data-entry="/assets/index-a.js" data-later="${own}"`,
      ),
    );
    for (const name of ['prerendered.json', 'route-preloads.json', 'locale-files.json'])
      writeFileSync(path.join(dist, name), readFileSync(path.join(webDist, name)));
    const built = await startTestServer({ SERVE_WEB: 'true', WEB_DIST: dist });
    const later = async (pathname: string, headers: Record<string, string>) => {
      const html = await (await fetch(built.url + pathname, { headers })).text();
      expect(html.match(/data-later=/g), pathname).toHaveLength(1);
      return /data-later="([^"]*)"/.exec(html)?.[1];
    };
    try {
      const cookie = `${SESSION_COOKIE}=xyz`;
      expect(await later('/c/65a1b2c3d4e5f60718293a4b', { cookie })).toBe(
        `${own} /assets/ConversationPage-abc.js`,
      );
      expect(await later('/liity', { 'accept-language': 'sv' })).toBe(
        '/assets/index-a.js /assets/shell-a.js /assets/sv-a.js /assets/JoinPage-abc.js ' +
          '/assets/sv-more-a.js',
      );
    } finally {
      await built.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });
});

describe('a visitor’s language from Accept-Language', () => {
  it('is the first language we have, by the primary subtag and the weights', () => {
    expect(preferredLanguage(undefined)).toBe('fi');
    expect(preferredLanguage('de-DE,de;q=0.9')).toBe('fi');
    expect(preferredLanguage('de-DE,en-GB;q=0.7,sv;q=0.8')).toBe('sv');
    expect(preferredLanguage('en-US')).toBe('en');
    expect(preferredLanguage('sv;q=0, en;q=0.5')).toBe('en');
    expect(preferredLanguage('*')).toBe('fi');
    expect(preferredLanguage(';;;,q=,;q=abc')).toBe('fi');
  });
});

describe('a web build whose lists the server cannot read', () => {
  it('serves plain index.html and keeps running (an older build beside a newer server)', async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'yt-web-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), INDEX);
    writeFileSync(path.join(dist, 'prerendered.json'), '{"/": ');
    // The format before patterns and signedIn: a list of files per path.
    writeFileSync(
      path.join(dist, 'route-preloads.json'),
      JSON.stringify({ '/liity': ['/assets/JoinPage-abc.js'] }),
    );
    const old = await startTestServer({ SERVE_WEB: 'true', WEB_DIST: dist });
    try {
      for (const p of ['/', '/liity'])
        expect(await (await fetch(old.url + p)).text(), p).toBe(INDEX);
      expect((await fetch(`${old.url}/healthz`)).status).toBe(200);
    } finally {
      await old.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
