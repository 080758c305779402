import { createECDH, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pushPayloadSchema, type PushPayload } from '@yhteistyotila/protocol';
import { decrypt } from 'http_ece';

/** One push as the push service received it, checked and decrypted by the test. */
export interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The VAPID JWT's claims, after its ES256 signature was verified with `k`. */
  jwt: { aud: string; exp: number; sub: string };
  /** The `k` of the Authorization header: the server's VAPID public key (base64url). */
  vapidKey: string;
  /** The payload, decrypted with the browser's private key and auth secret. */
  text: string;
}

/** A browser's side of a subscription: its key pair and auth secret, made by the test. */
export interface TestBrowserKeys {
  ecdh: ECDH;
  p256dh: string;
  auth: string;
}

export function browserKeys(): TestBrowserKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    ecdh,
    p256dh: ecdh.getPublicKey().toString('base64url'),
    auth: randomBytes(16).toString('base64url'),
  };
}

/** The JWK of an uncompressed P-256 public key (0x04 || x || y), for node:crypto's verify. */
const jwkOf = (raw: Buffer) => ({
  kty: 'EC',
  crv: 'P-256',
  x: raw.subarray(1, 33).toString('base64url'),
  y: raw.subarray(33, 65).toString('base64url'),
});

/**
 * Checks `Authorization: vapid t=<jwt>, k=<public key>` as a push service does (RFC 8292): the
 * JWT's ES256 signature (raw r||s, 64 bytes) against k. Throws when it does not verify.
 */
export function verifyVapid(authorization: string | undefined): {
  jwt: ReceivedPush['jwt'];
  vapidKey: string;
} {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!match) throw new Error(`not a VAPID Authorization header: ${authorization}`);
  const [, token, k] = match as unknown as [string, string, string];
  const [header, claims, signature] = token.split('.') as [string, string, string];
  const key = createPublicKey({ key: jwkOf(Buffer.from(k, 'base64url')), format: 'jwk' });
  const ok = verify(
    'sha256',
    Buffer.from(`${header}.${claims}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!ok) throw new Error('VAPID signature does not verify');
  const alg = (JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg: string }).alg;
  if (alg !== 'ES256') throw new Error(`VAPID JWT alg ${alg}`);
  return {
    jwt: JSON.parse(Buffer.from(claims, 'base64url').toString()) as ReceivedPush['jwt'],
    vapidKey: k,
  };
}

export interface PushEndpoint {
  /** The base URL; a subscription's endpoint is `${url}/<anything>`. */
  url: string;
  /** Every push received, in order (a push that failed its checks is in `rejected`). */
  received: ReceivedPush[];
  rejected: string[];
  /** The status answered to pushes for this path (default 201). */
  answer(path: string, status: number): void;
  close(): Promise<void>;
}

/**
 * A push service of the test's own on 127.0.0.1 (the browser vendors' services are unreachable
 * here): it takes the server's POSTs, checks the VAPID signature and the aes128gcm encoding, and
 * decrypts each body with the keys of the subscription it was sent to (`keysFor(path)`).
 */
export async function startPushEndpoint(
  keysFor: (path: string) => TestBrowserKeys | undefined,
): Promise<PushEndpoint> {
  const received: ReceivedPush[] = [];
  const rejected: string[] = [];
  const statuses = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      try {
        const keys = keysFor(path);
        if (!keys) throw new Error(`no subscription at ${path}`);
        if (req.method !== 'POST') throw new Error(`method ${req.method}`);
        if (req.headers['content-encoding'] !== 'aes128gcm')
          throw new Error(`content-encoding ${req.headers['content-encoding']}`);
        const { jwt, vapidKey } = verifyVapid(req.headers.authorization);
        const text = decrypt(Buffer.concat(chunks), {
          version: 'aes128gcm',
          privateKey: keys.ecdh,
          authSecret: keys.auth,
        }).toString('utf8');
        received.push({ path, headers: req.headers, jwt, vapidKey, text });
      } catch (err) {
        rejected.push(`${path}: ${String(err)}`);
        res.writeHead(400).end();
        return;
      }
      res.writeHead(statuses.get(path) ?? 201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    rejected,
    answer: (path, status) => void statuses.set(path, status),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Registers a browser subscription through the app's API as a browser does (`POST
 * /api/me/push/devices`): the endpoint on the test's push service, the test-made keys.
 */
export async function subscribeThroughApi(
  serverUrl: string,
  cookie: string,
  endpoint: string,
  keys: TestBrowserKeys,
  userAgent?: string,
): Promise<{ id: string; label: string }> {
  const res = await fetch(`${serverUrl}/api/me/push/devices`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: 'http://localhost:3999',
      cookie,
      ...(userAgent ? { 'user-agent': userAgent } : {}),
    },
    body: JSON.stringify({
      endpoint,
      expirationTime: null,
      keys: { p256dh: keys.p256dh, auth: keys.auth },
    }),
  });
  if (res.status !== 201) throw new Error(`subscribe answered ${res.status}`);
  return (await res.json()) as { id: string; label: string };
}

/** One subscription the fixture made: its path on the test's push service and the server's id. */
export interface TestPushDevice {
  path: string;
  id: string;
  label: string;
  keys: TestBrowserKeys;
}

export interface PushFixture {
  endpoint: PushEndpoint;
  /** A new browser subscription on the test's push service, registered with `cookie`'s session. */
  subscribe(cookie: string, userAgent?: string): Promise<TestPushDevice>;
  /** The pushes a subscription received, checked and decrypted. */
  pushesTo(path: string): ReceivedPush[];
  /** Their payloads, parsed as the service worker reads them. */
  payloadsTo(path: string): PushPayload[];
  close(): Promise<void>;
}

/** The test's push service and the browsers subscribed to it, for a test file's server. */
export async function startPushFixture(serverUrl: string): Promise<PushFixture> {
  const browsers = new Map<string, TestBrowserKeys>();
  const endpoint = await startPushEndpoint((path) => browsers.get(path));
  let n = 0;
  const pushesTo = (path: string) => endpoint.received.filter((p) => p.path === path);
  return {
    endpoint,
    async subscribe(cookie, userAgent) {
      const path = `/push/${++n}`;
      const keys = browserKeys();
      browsers.set(path, keys);
      const device = await subscribeThroughApi(
        serverUrl,
        cookie,
        endpoint.url + path,
        keys,
        userAgent,
      );
      return { path, id: device.id, label: device.label, keys };
    },
    pushesTo,
    payloadsTo: (path) => pushesTo(path).map((p) => pushPayloadSchema.parse(JSON.parse(p.text))),
    close: () => endpoint.close(),
  };
}
