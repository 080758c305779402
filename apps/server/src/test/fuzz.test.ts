import * as protocol from '@yhteistyotila/protocol';
import {
  ackSchema,
  clientEvents,
  errorBodySchema,
  type ClientEventName,
} from '@yhteistyotila/protocol';
import fc from 'fast-check';
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { features } from '../features/index.js';
import { createUser } from './factories.js';
import { startTestServer, type TestServer, type TestSocket } from './harness.js';
import {
  apiRoutes,
  expandLong,
  garbage,
  hexId,
  hostilePayload,
  nastyString,
  prototypePollution,
  serverRequest,
  shapedLike,
  type ServerRequest,
} from './hostile-input.js';
import { linesWithPaths, startWholeServer, warnings, type WholeServer } from './whole-server.js';

/**
 * Property-based fuzzing of every socket event in the protocol registry, every HTTP route of the
 * protocol's route table (which the app mounts: route-table.test.ts), and the whole HTTP server (Engine.IO, the web build, unknown paths).
 * Invariants: every answer is a typed ok or a typed error (never INTERNAL, never a 5xx), the
 * server keeps serving, Object.prototype stays clean.
 * FUZZ_RUNS (default 1000) cases per event and per endpoint; emits go out in parallel batches.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const BATCH = 25;
/** HTTP requests are cheaper to overlap than to wait for one by one. */
const HTTP_BATCH = 50;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const fcOptions = {
  numRuns: Math.ceil(RUNS / BATCH),
  endOnFailure: true,
  ...(SEED !== undefined ? { seed: SEED } : {}),
};

let server: TestServer;
let handled: Set<string>;
beforeAll(async () => {
  server = await startTestServer();
  handled = new Set(
    features.flatMap((f) => f.socketHandlers?.(server.application.app) ?? []).map((h) => h.event),
  );
});
afterAll(() => server.close());

type RawEmit = (event: string, ...args: unknown[]) => Promise<unknown>;
const emitRaw = (socket: TestSocket, event: string, payload: unknown) =>
  (socket.timeout(10_000).emitWithAck as unknown as RawEmit).call(
    socket.timeout(10_000),
    event,
    payload,
  );

async function signedInSocket(role: protocol.Role = 'admin') {
  const user = await createUser(server.application, { role });
  return { user, socket: await server.connect({ cookie: user.cookie }) };
}

async function stillServing(socket?: TestSocket) {
  const s = socket ?? (await signedInSocket()).socket;
  const res = await s.timeout(3000).emitWithAck('session:whoami', {});
  expect(res.ok).toBe(true);
  expect(s.connected).toBe(true);
}

const eventNames = Object.keys(clientEvents) as ClientEventName[];

describe('socket events under hostile payloads', () => {
  it('covers every event of the registry: each has a handler, and the running server knows it', async () => {
    // A declared event without a handler would be fuzzed against the "unknown event" answer
    // alone, and pass: so a missing handler fails here, named.
    expect(eventNames.filter((e) => !handled.has(e))).toEqual([]);
    // Over the wire too: the dispatcher answers an event it has no handler for "unknown event".
    const { socket } = await signedInSocket();
    const unknownToServer = [];
    for (const event of eventNames) {
      const ack = (await emitRaw(socket, event, 42)) as protocol.Ack<unknown>;
      if (!ack.ok && ack.error.message === 'unknown event') unknownToServer.push(event);
    }
    expect(unknownToServer).toEqual([]);
  });

  for (const event of eventNames) {
    it(`${event}: ${RUNS} random and malformed payloads get typed acks`, async () => {
      expect(handled.has(event), `${event} has no server handler`).toBe(true);
      const spec = clientEvents[event];
      const resultAck = ackSchema(spec.result as z.ZodType);
      const { socket } = await signedInSocket();
      let cases = 0;
      const codes = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(
          fc.array(hostilePayload(spec.payload), { minLength: BATCH, maxLength: BATCH }),
          async (payloads) => {
            const acks = await Promise.all(payloads.map((p) => emitRaw(socket, event, p)));
            cases += acks.length;
            for (const [i, ack] of acks.entries()) {
              const parsed = resultAck.safeParse(ack);
              if (!parsed.success)
                throw new Error(`untyped ack ${JSON.stringify(ack)} for ${safeJson(payloads[i])}`);
              const code = parsed.data.ok ? 'OK' : parsed.data.error.code;
              codes.set(code, (codes.get(code) ?? 0) + 1);
              if (code === 'INTERNAL') throw new Error(`INTERNAL for ${safeJson(payloads[i])}`);
            }
          },
        ),
        fcOptions,
      );
      expect(cases).toBeGreaterThanOrEqual(RUNS);
      console.info(`[fuzz] ${event}: ${cases} cases ->`, Object.fromEntries(codes));
      expect(prototypePollution()).toEqual([]);
      await stillServing(socket);
    });
  }

  it('survives odd argument lists: none, several, no ack function', async () => {
    const { socket } = await signedInSocket();
    for (const event of eventNames) {
      const loose = socket as unknown as { emit(e: string, ...a: unknown[]): void };
      loose.emit(event);
      loose.emit(event, {}, {}, 'extra');
      loose.emit(event, 'no ack');
      const none = await (socket.timeout(3000).emitWithAck as unknown as RawEmit).call(
        socket.timeout(3000),
        event,
      );
      expect(none).toMatchObject({ ok: false });
      const many = await (socket.timeout(3000).emitWithAck as unknown as RawEmit).call(
        socket.timeout(3000),
        event,
        {},
        1,
        'x',
      );
      expect(many).toHaveProperty('ok');
    }
    await stillServing(socket);
  });

  it('closes only the offending socket on an over-limit frame', async () => {
    const { socket } = await signedInSocket();
    const closed = new Promise<string>((resolve) =>
      socket.once('disconnect', (reason) => resolve(reason)),
    );
    (socket as unknown as { emit(e: string, p: unknown): void }).emit('session:whoami', {
      huge: 'x'.repeat(300 * 1024),
    });
    expect(await closed).toMatch(/close|error/);
    await stillServing();
  });

  it('survives broken Socket.IO packets written straight onto the transport', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const frames = [
      '2["session:whoami"',
      '2[1,2]',
      '2{"a":1}',
      '2"session:whoami"',
      '2[]',
      '2[null,{}]',
      '2["__proto__",{}]',
      '2["constructor",{"prototype":{"polluted":true}}]',
      '2["session:whoami",{"__proto__":{"polluted":true}}]',
      '299999999999999999999999["session:whoami",{}]',
      '2-1["session:whoami",{}]',
      '5-["session:whoami",{"_placeholder":true,"num":0}]',
      '51-["session:whoami",{"_placeholder":true,"num":99}]',
      '6',
      '9["x"]',
      `2["session:whoami",${deep}]`,
      `21${deep}`,
      '0/nope,{"token":1}',
      '2/nope,["session:whoami",{}]',
      '',
    ];
    for (const frame of frames) {
      const { socket } = await signedInSocket();
      (socket.io.engine as unknown as { write(m: string): void }).write(frame);
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(prototypePollution()).toEqual([]);
    await stillServing();
  });
});

// ---- HTTP ----------------------------------------------------------------------------------

/** Every body-like schema the protocol exports: plausible shapes for any endpoint's body. */
const bodySchemas = [
  ...Object.entries(protocol)
    .filter(
      ([name, v]) =>
        /Body(Schema)?$|QuerySchema$/.test(name) &&
        typeof v === 'object' &&
        v !== null &&
        '_zod' in v,
    )
    .map(([, v]) => v as z.ZodType),
  ...eventNames.map((e) => clientEvents[e].payload as z.ZodType),
];

const jsonBody = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...bodySchemas).chain((s) => shapedLike(s)) },
  { weight: 2, arbitrary: garbage },
);

const brokenBody = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '{"broken',
    '{"a":1}}',
    '[',
    'null',
    '"x"',
    '\u0000',
    '{"__proto__":{"polluted":true}}',
    '['.repeat(5000) + ']'.repeat(5000),
    '{"a":'.repeat(5000) + '1' + '}'.repeat(5000),
  ),
  fc.integer({ min: 100_001, max: 140_000 }).map((n) => JSON.stringify({ text: 'x'.repeat(n) })),
);

type HttpCase = {
  param: string;
  query: string;
  body: { type: string; text: string } | null;
  signedIn: boolean;
};

const httpCase: fc.Arbitrary<HttpCase> = fc.record({
  param: fc.oneof(
    hexId,
    // A lone surrogate cannot be put in a URL at all (encodeURIComponent throws): skip it.
    nastyString.filter((s) => s.length < 2000 && s.isWellFormed()),
  ),
  query: fc.oneof(
    fc.constant(''),
    fc
      .dictionary(
        fc.constantFrom(
          'lang',
          'q',
          'limit',
          'before',
          'a[__proto__][polluted]',
          'constructor[prototype][x]',
          'status',
        ),
        nastyString.filter((s) => s.length < 500),
        { maxKeys: 3 },
      )
      .map((d) => `?${new URLSearchParams(d).toString()}`),
  ),
  body: fc.oneof(
    {
      weight: 4,
      arbitrary: jsonBody.map((v) => ({ type: 'application/json', text: safeJson(v) ?? 'null' })),
    },
    { weight: 2, arbitrary: brokenBody.map((text) => ({ type: 'application/json', text })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data',
            '',
          ),
          brokenBody,
        )
        .map(([type, text]) => ({ type, text })),
    },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
  signedIn: fc.boolean(),
});

const fillPath = (path: string, param: string) =>
  path.replace(/[{}]/g, '').replace(/[:*](\w+)/g, () => encodeURIComponent(param));

describe('HTTP endpoints under hostile requests', () => {
  it(`every route of the table answers ${RUNS} malformed requests without a 5xx`, async () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(0);
    console.info(`[fuzz] HTTP routes: ${routes.map((r) => `${r.method} ${r.path}`).join(', ')}`);
    for (const route of routes) {
      // A fresh person per route: sign-out or delete endpoints must not spoil the next route.
      const { user } = await signedInSocket();
      let cases = 0;
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(
          fc.array(httpCase, { minLength: HTTP_BATCH, maxLength: HTTP_BATCH }),
          async (batch) => {
            const results = await Promise.all(
              batch.map((c) =>
                send(route.method, fillPath(route.path, c.param) + c.query, c, user.cookie),
              ),
            );
            cases += results.length;
            for (const [i, r] of results.entries()) {
              statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
              const where = `${route.method} ${route.path} ${safeJson(batch[i])?.slice(0, 300)}`;
              if (r.status >= 500)
                throw new Error(`${r.status} ${r.text.slice(0, 200)} for ${where}`);
              if (r.status >= 400 && r.json) {
                const body = errorBodySchema.safeParse(r.json);
                if (!body.success)
                  throw new Error(`untyped error body ${r.text.slice(0, 200)} for ${where}`);
              }
            }
          },
        ),
        { ...fcOptions, numRuns: Math.ceil(RUNS / HTTP_BATCH) },
      );
      expect(cases).toBeGreaterThanOrEqual(RUNS);
      console.info(
        `[fuzz] ${route.method} ${route.path}: ${cases} cases ->`,
        Object.fromEntries(statuses),
      );
    }
    expect(prototypePollution()).toEqual([]);
    await stillServing();
    // ~30 routes x 1,000 requests: minutes on a loaded 2-core machine, not the default 30 s.
  }, 600_000);
});

// ---- The whole HTTP server -------------------------------------------------------------------

/**
 * Not only the /api router: one port serves Engine.IO, the built web app, the operational
 * endpoints and everything else, and a request anywhere must not take it down. Two anonymous
 * requests (an Engine.IO handshake, then a poll with its sid) once did: Express answered the
 * held poll too, and Engine.IO's later write threw ERR_HTTP_HEADERS_SENT, uncaught.
 */
describe('the whole HTTP server under hostile requests', () => {
  let whole: WholeServer;
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown) => void uncaught.push(err);
  // keepAlive: thousands of requests need not each open a connection.
  let agent = new Agent({ keepAlive: true, maxSockets: 64 });
  beforeAll(async () => {
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    whole = await startWholeServer({}, 'info');
  });
  afterAll(async () => {
    agent.destroy();
    await whole.close();
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
  });

  it(`answers ${RUNS} requests anywhere, in any method, without a 5xx, a crash or a logged fault`, async () => {
    const user = await createUser(whole.application);
    const garbageCookie = `${whole.application.app.lucia.sessionCookieName}=%E0%A4%A; a=__proto__`;
    const target = new URL(whole.url);
    const raw = (
      method: string,
      path: string,
      headers: Record<string, string> = {},
      body?: string,
    ) => rawRequest(agent, target, method, path, headers, body);
    let cases = 0;
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(serverRequest, { minLength: HTTP_BATCH, maxLength: HTTP_BATCH }),
        async (batch) => {
          // Fresh connections for each batch: a pooled one may still carry the rest of the last
          // batch's hostile body (a HEAD with 120 KB chunked after it, answered before it was
          // sent), which the server then reads as the next request and rightly refuses (400).
          agent.destroy();
          agent = new Agent({ keepAlive: true, maxSockets: 64 });
          // Live Engine.IO sessions for this batch, so polls and posts with a real sid occur.
          const sids = await Promise.all([1, 2, 3].map(() => handshake(raw)));
          const sent = Promise.all(
            batch.map((r, i) => {
              const body = r.body === null ? undefined : expandLong(r.body);
              const headers: Record<string, string> = {};
              if (body !== undefined && r.framing === 'sized')
                headers['content-length'] = String(Buffer.byteLength(body));
              if (r.contentType) headers['content-type'] = r.contentType;
              if (r.origin) headers.origin = r.origin;
              if (r.cookie === 'valid') headers.cookie = user.cookie;
              if (r.cookie === 'garbage') headers.cookie = garbageCookie;
              return raw(
                r.method,
                expandLong(pathOf(r, sids[i % sids.length] ?? '')),
                headers,
                body,
              );
            }),
          );
          // Held polls are answered once their session has something to say: a Socket.IO
          // CONNECT gets a refusal (no session cookie), as in the request pair that crashed.
          await new Promise((r) => setTimeout(r, 100));
          await Promise.all(
            sids.map((sid) =>
              raw(
                'POST',
                `/socket.io/?EIO=4&transport=polling&sid=${sid}`,
                {},
                '40{"protocolVersion":0}',
              ),
            ),
          );
          const results = await sent;
          cases += results.length;
          for (const [i, r] of results.entries()) {
            const key = `${area(batch[i] as ServerRequest)} ${r.status}`;
            outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
            const where = `${batch[i]?.method} ${pathOf(batch[i] as ServerRequest, 'SID').slice(0, 300)}`;
            if (typeof r.status === 'number' && r.status >= 500)
              throw new Error(`${r.status} ${r.text.slice(0, 200)} for ${where}`);
            // Engine.IO answers by the path itself (whatever prefix the case was built from)
            // with its own error shape ({ code: 3, message }), not ours.
            const fromEngineIo = pathOf(batch[i] as ServerRequest, 'SID').startsWith('/socket.io/');
            if (typeof r.status === 'number' && r.status >= 400 && !fromEngineIo && r.json) {
              if (!errorBodySchema.safeParse(r.json).success)
                throw new Error(`untyped error body ${r.text.slice(0, 200)} for ${where}`);
            }
          }
          // The server's health on a connection of its own (see the batch's start).
          agent.destroy();
          agent = new Agent({ keepAlive: true, maxSockets: 64 });
          const health = await raw('GET', '/healthz');
          if (health.status !== 200) throw new Error(`/healthz answered ${health.status}`);
          if (uncaught.length) throw new Error(`uncaught: ${String(uncaught[0])}`);
        },
      ),
      { ...fcOptions, numRuns: Math.ceil(RUNS / HTTP_BATCH) },
    );
    expect(cases).toBeGreaterThanOrEqual(RUNS);
    console.info(
      `[fuzz] whole HTTP server: ${cases} requests ->`,
      Object.fromEntries([...outcomes].sort()),
    );
    // The old crash came about a second after the poll: give a late write its chance.
    await new Promise((r) => setTimeout(r, 1500));
    expect(uncaught.map(String)).toEqual([]);
    expect((await raw('GET', '/healthz')).status).toBe(200);
    expect(warnings(whole)).toEqual([]);
    expect(linesWithPaths(whole)).toEqual([]);
    expect(prototypePollution()).toEqual([]);
  }, 600_000);
});

type RawResult = { status: number | 'held' | 'closed'; text: string; json?: unknown };

/** A request as written, neither normalised nor validated by fetch (odd methods, raw escapes). */
function rawRequest(
  agent: Agent,
  target: URL,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<RawResult> {
  return new Promise((resolve) => {
    const req = request(
      { agent, host: target.hostname, port: target.port, method, path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', () => resolve({ status: 'closed', text: '' }));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          if (res.headers['content-type']?.includes('json')) {
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
          }
          resolve({ status: res.statusCode ?? 0, text, json });
        });
      },
    );
    // A poll Engine.IO holds open until its session has news: fine, not a failure.
    req.setTimeout(1500, () => {
      req.destroy();
      resolve({ status: 'held', text: '' });
    });
    // Node itself refuses some requests by closing the connection (no status): not a 5xx.
    req.on('error', () => resolve({ status: 'closed', text: '' }));
    req.end(body);
  });
}

async function handshake(raw: (m: string, p: string) => Promise<RawResult>): Promise<string> {
  const res = await raw('GET', '/socket.io/?EIO=4&transport=polling');
  const open = /^0(\{.*\})/.exec(res.text)?.[1];
  if (!open) throw new Error(`no Engine.IO handshake: ${res.status} ${res.text.slice(0, 100)}`);
  return (JSON.parse(open) as { sid: string }).sid;
}

/** Which part of the server a request is for, for the summary. */
function area(r: ServerRequest): string {
  if (r.prefix === '/socket.io/') return `engine.io sid=${r.engine.sid} ${r.method}`;
  return r.prefix.split('/')[1]?.toLowerCase() || '/';
}

function pathOf(r: ServerRequest, sid: string): string {
  const base = r.prefix + r.segments.join('/');
  if (!r.prefix.toLowerCase().startsWith('/socket.io'))
    return r.query ? `${base}?${r.query}` : base;
  const sidParam = {
    live: `sid=${sid}`,
    twice: `sid=${sid}&sid=${sid}`,
    none: '',
    unknown: 'sid=AAAAAAAAAAAAAAAAAAAA',
    malformed: 'sid=%E0%A4%A',
  }[r.engine.sid];
  const query = [r.engine.eio, r.engine.transport, sidParam, r.engine.extra].filter(Boolean);
  return `${base}?${query.join('&')}`;
}

async function send(method: string, path: string, c: HttpCase, cookie: string) {
  const withBody = c.body && method !== 'GET' && method !== 'HEAD';
  const headers: Record<string, string> = {};
  if (c.signedIn) headers.cookie = cookie;
  if (withBody && c.body?.type) headers['content-type'] = c.body.type;
  const res = await fetch(`${server.url}${path.startsWith('/') ? path : `/${path}`}`, {
    method,
    headers,
    ...(withBody ? { body: c.body?.text } : {}),
  });
  const text = method === 'HEAD' ? '' : await res.text();
  let json: unknown;
  if (res.headers.get('content-type')?.includes('json')) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: res.status, text, json };
}

function safeJson(v: unknown): string | undefined {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
