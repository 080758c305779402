import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';

/**
 * The first load on a phone (issue 15, item 0): built assets leave as the build's brotli or gzip
 * copy (web precompress.ts) with their own type and `Vary: Accept-Encoding`; API answers are
 * compressed per request. A web build of its own, so the test does not depend on `vite build`.
 */
let server: TestServer;
let webDist: string;
const SCRIPT = `export const words = ${JSON.stringify('yhteistyö '.repeat(800))};\n`;
const ASSET = '/assets/index-Test1234.js';

beforeAll(async () => {
  webDist = mkdtempSync(path.join(tmpdir(), 'yt-web-'));
  mkdirSync(path.join(webDist, 'assets'));
  writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>t</title>');
  const file = path.join(webDist, ASSET);
  writeFileSync(file, SCRIPT);
  writeFileSync(`${file}.br`, brotliCompressSync(SCRIPT));
  writeFileSync(`${file}.gz`, gzipSync(SCRIPT));
  server = await startTestServer({ SERVE_WEB: 'true', WEB_DIST: webDist });
});
afterAll(async () => {
  await server.close();
  rmSync(webDist, { recursive: true, force: true });
});

/** A raw GET (fetch would undo the encoding and hide it). */
function get(url: string, acceptEncoding?: string) {
  return new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>(
    (resolve, reject) => {
      const req = request(
        url,
        { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers as Record<string, string>,
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

describe('precompressed assets', () => {
  it('sends the brotli copy to a browser that accepts it, typed as JavaScript', async () => {
    const res = await get(server.url + ASSET, 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers.etag).toBeTruthy();
    expect(res.headers['cache-control']).toMatch(/immutable/);
    expect(res.body.length).toBeLessThan(SCRIPT.length / 5);
    expect(brotliDecompressSync(res.body).toString()).toBe(SCRIPT);
  });

  it('sends the gzip copy when brotli is not accepted, and the plain file when nothing is', async () => {
    const gz = await get(server.url + ASSET, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toMatch(/javascript/);
    expect(gz.headers.vary).toMatch(/Accept-Encoding/i);
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);

    const plain = await get(server.url + ASSET);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    expect(plain.body.toString()).toBe(SCRIPT);
    // Each copy has its own validator: a cache never revalidates one with the other's.
    expect(new Set([gz.headers.etag, plain.headers.etag]).size).toBe(2);
  });

  it('still answers a missing asset with 404, not a compressed copy of something else', async () => {
    const res = await get(`${server.url}/assets/nope-1234.js`, 'br');
    expect(res.status).toBe(404);
    expect((await get(`${server.url}/assets/..%2Findex.html`, 'br')).status).toBe(404);
  });
});

describe('API answers', () => {
  it('are compressed when the browser accepts it', async () => {
    // The privacy statement: the largest public answer.
    const res = await get(`${server.url}/api/privacy?lang=fi`, 'br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(JSON.parse(brotliDecompressSync(res.body).toString())).toHaveProperty('version');
  });
});
