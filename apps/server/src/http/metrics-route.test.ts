import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../config.js';
import { startWholeServer, type WholeServer } from '../test/whole-server.js';

/**
 * /metrics tells an outsider how busy and how large the service is. In production it needs
 * the configured bearer token, and without a token configured there is no /metrics at all.
 */
const TOKEN = 'metrics-token-for-the-test-0123456789';
const PRODUCTION: Partial<Env> = {
  NODE_ENV: 'production',
  SMTP_URL: 'smtp://127.0.0.1:9',
};

const get = (server: WholeServer, authorization?: string) =>
  fetch(`${server.url}/metrics`, authorization ? { headers: { authorization } } : {});

describe('/metrics in production with METRICS_TOKEN', () => {
  let server: WholeServer;
  beforeAll(async () => {
    server = await startWholeServer({ ...PRODUCTION, METRICS_TOKEN: TOKEN });
  });
  afterAll(() => server.close());

  it('refuses a scraper without the token, or with a wrong one', async () => {
    for (const auth of [
      undefined,
      'Bearer',
      'Bearer ',
      'Bearer wrong',
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Basic ${Buffer.from(`metrics:${TOKEN}`).toString('base64')}`,
      TOKEN,
    ]) {
      const res = await get(server, auth);
      expect(res.status, String(auth)).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const text = await res.text();
      expect(text).not.toContain('yt_');
      expect(JSON.parse(text)).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('serves the figures to a scraper with the token, uncached', async () => {
    const res = await get(server, `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain('yt_http_requests_total');
  });
});

describe('/metrics in production without METRICS_TOKEN', () => {
  let server: WholeServer;
  beforeAll(async () => {
    server = await startWholeServer(PRODUCTION);
  });
  afterAll(() => server.close());

  it('does not exist: a typed 404, not the figures and not the app shell', async () => {
    for (const auth of [undefined, 'Bearer ', 'Bearer anything']) {
      const res = await get(server, auth);
      expect(res.status).toBe(404);
      const text = await res.text();
      expect(text).not.toContain('yt_');
      expect(JSON.parse(text)).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(server.logs.some((l) => l.msg?.includes('METRICS_TOKEN'))).toBe(true);
  });
});

describe('/metrics in development', () => {
  let server: WholeServer;
  beforeAll(async () => {
    server = await startWholeServer({ NODE_ENV: 'development' });
  });
  afterAll(() => server.close());

  it('stays open without a token, for a developer and the test suite', async () => {
    const res = await get(server);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('yt_http_requests_total');
  });
});
