import { allHttpRoutes, API_PREFIX } from '@yhteistyotila/protocol';
import fc from 'fast-check';
import type { Application } from '../app.js';
import type { z } from 'zod';

/**
 * Generators of hostile input for the fuzz tests. Two kinds are mixed: shapeless garbage
 * (anything, wrong types, huge, deep, prototype-pollution keys) that must stop at validation,
 * and payloads shaped like the event's own schema (right keys, plausible ids) with one field
 * broken, which get past validation and reach the services.
 */

/** Keys that break naive merges and Mongo queries when a server copies input into objects. */
export const POISON_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '$where',
  '$gt',
  '$ne',
  '$set',
  'a.b',
  'toString',
  'hasOwnProperty',
];

const POISON_JSON =
  '{"__proto__":{"polluted":true,"isAdmin":true},"constructor":{"prototype":{"polluted":true}}}';

const poisonKey = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...POISON_KEYS));

export const hexId = fc.stringMatching(/^[0-9a-f]{24}$/);

/** Strings that tend to reach code paths schemas do not expect. */
export const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  hexId,
  fc.uuid(),
  fc.emailAddress(),
  fc
    .date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\uFFFF\uD800',
    '__proto__',
    'constructor',
    '<script>alert(1)</script>',
    'javascript:alert(1)',
    '../../../../etc/passwd',
    '{"$gt":""}',
    '091',
    'fi',
    'member',
    'admin',
    'true',
  ),
  // Large but under the 256 KB Socket.IO frame limit, so the frame reaches the handler.
  fc.integer({ min: 1_000, max: 150_000 }).map((n) => 'x'.repeat(n)),
);

const nastyNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53 + 1, -(2 ** 53), 1e308, -0, 0.5),
);

/** A value nested `depth` levels deep (arrays or objects). */
export const deeplyNested = (depth: number, kind: 'array' | 'object' = 'array'): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
};

const anything = fc.anything({
  key: poisonKey,
  maxDepth: 4,
  maxKeys: 6,
  withNullPrototype: true,
  withObjectString: true,
  withBoxedValues: true,
  withTypedArray: true,
  withSparseArray: true,
  withDate: true,
});

/** Shapeless garbage: wrong types, poison keys, depth, size. */
export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: anything },
  {
    weight: 1,
    arbitrary: fc.constantFrom(deeplyNested(500), deeplyNested(500, 'object'), undefined, null),
  },
  { weight: 1, arbitrary: fc.dictionary(poisonKey, anything, { maxKeys: 4 }) },
  // JSON.parse makes `__proto__` an own key, exactly as the server's parser will.
  { weight: 1, arbitrary: fc.constant(JSON.parse(POISON_JSON) as unknown) },
  { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 3 }) },
);

interface ZodDefLike {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  in?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType): ZodDefLike =>
  (schema as unknown as { _zod: { def: ZodDefLike } })._zod.def;

/**
 * Values of roughly the schema's shape (zod 4 internals, read-only). Most are invalid in some
 * detail; enough are valid that the service code behind validation is exercised too.
 */
export function shapedLike(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return garbage;
  const def = defOf(schema);
  const inner = (s: z.ZodType | undefined) => (s ? shapedLike(s, depth + 1) : garbage);
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {};
      const fields = Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, inner(s)]));
      return fc.oneof(
        { weight: 4, arbitrary: fc.record(fields, { requiredKeys: [] }) },
        { weight: 3, arbitrary: fc.record(fields) },
        // One extra (often poisonous) key beside the right ones.
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.record(fields), poisonKey, garbage)
            .map(([o, k, v]) => ({ ...o, [k]: v })),
        },
        {
          weight: 1,
          arbitrary: fc
            .record(fields)
            .map((o) => ({ ...(JSON.parse(POISON_JSON) as object), ...o })),
        },
      );
    }
    case 'string':
      return nastyString;
    case 'number':
    case 'int':
      return nastyNumber;
    case 'boolean':
      return fc.oneof(fc.boolean(), fc.constantFrom('true', 1, 0));
    case 'enum':
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...Object.values(def.entries ?? { x: 'x' })) },
        { weight: 1, arbitrary: nastyString },
      );
    case 'literal':
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...(def.values ?? [null])) },
        { weight: 1, arbitrary: garbage },
      );
    case 'array':
      return fc.oneof(
        fc.array(inner(def.element), { maxLength: 5 }),
        fc.array(hexId, { maxLength: 300 }),
      );
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return fc.oneof(inner(def.innerType), fc.constantFrom(undefined, null));
    case 'union':
      return def.options?.length ? fc.oneof(...def.options.map((o) => inner(o))) : garbage;
    case 'pipe':
      return inner(def.in);
    case 'record':
      return fc.dictionary(poisonKey, inner(def.valueType), { maxKeys: 5 });
    case 'lazy':
      return def.getter ? inner(def.getter()) : garbage;
    case 'date':
      return fc.oneof(fc.date(), nastyString);
    default:
      return garbage;
  }
}

/** Socket.IO's frame limit (maxHttpBufferSize) minus room for the envelope. */
const FRAME_BUDGET = 240 * 1024;

/**
 * Whether a Socket.IO client can send the value at all: some generated values cannot be
 * encoded (an object whose prototype is a Date throws in JSON.stringify), and over-limit frames
 * only close the socket, which a separate test covers.
 */
export function sendable(value: unknown): boolean {
  try {
    const json = JSON.stringify(value);
    if (json !== undefined && json.length >= FRAME_BUDGET) return false;
  } catch {
    return false;
  }
  // socket.io-client copies a payload with binary parts key by key, and `copy['__proto__'] = v`
  // sets the copy's prototype instead: the client itself then fails to encode it. Such a
  // payload cannot leave this client, so it is not a case for the server.
  return !(containsBinary(value) && containsKey(value, '__proto__'));
}

function walk(value: unknown, visit: (v: unknown, key?: string) => boolean, depth = 0): boolean {
  if (depth > 600 || value === null || typeof value !== 'object') return false;
  if (visit(value)) return true;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return false;
  for (const key of Object.keys(value)) {
    if (visit(undefined, key)) return true;
    if (walk((value as Record<string, unknown>)[key], visit, depth + 1)) return true;
  }
  return false;
}
const containsBinary = (value: unknown) =>
  walk(value, (v) => ArrayBuffer.isView(v) || v instanceof ArrayBuffer);
const containsKey = (value: unknown, name: string) => walk(value, (_v, key) => key === name);

/** The mix every event and endpoint gets. */
export const hostilePayload = (schema: z.ZodType | undefined): fc.Arbitrary<unknown> =>
  (schema
    ? fc.oneof({ weight: 3, arbitrary: shapedLike(schema) }, { weight: 2, arbitrary: garbage })
    : garbage
  ).filter(sendable);

/** Object.prototype must stay clean: a polluted prototype would show up here (same process). */
export const prototypePollution = (): string[] => {
  const probe: Record<string, unknown> = {};
  return ['polluted', 'isAdmin', 'role', 'a'].filter((k) => probe[k] !== undefined);
};

export interface MountedRoute {
  method: string;
  /** Express path with parameters, e.g. /api/me/sessions/:id */
  path: string;
}

/** Every API route of the protocol's table, with its full path: what the fuzzer covers. */
export const apiRoutes = (): MountedRoute[] =>
  allHttpRoutes().map((r) => ({ method: r.method, path: API_PREFIX + r.path }));

interface LayerLike {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
  rawPath?: unknown;
}

/**
 * Every route the running Express app serves, read from its router stack (Express 5 / router
 * 2): only to check that the app mounts exactly the protocol's table (route-table.test.ts).
 */
export function expressRoutes(application: Application): MountedRoute[] {
  const express = application.httpApp as unknown as { router: { stack: LayerLike[] } };
  const out: MountedRoute[] = [];
  const walk = (stack: LayerLike[], prefix: string) => {
    for (const layer of stack) {
      const raw = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths) {
          for (const [m, on] of Object.entries(layer.route.methods)) {
            if (on && m !== '_all') out.push({ method: m.toUpperCase(), path: `${prefix}${p}` });
          }
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, prefix + raw);
      }
    }
  };
  walk(express.router.stack, '');
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---- Requests to the whole HTTP server -----------------------------------------------------

/**
 * Where requests go: Engine.IO most (its sessions have the most state), then the web build and
 * the API, then the operational endpoints, near misses and nowhere.
 */
const prefix = fc.oneof(
  { weight: 8, arbitrary: fc.constant('/socket.io/') },
  { weight: 3, arbitrary: fc.constant('/assets/') },
  {
    weight: 2,
    arbitrary: fc.constantFrom('/api/', '/api/me/', '/api/me/sessions/', '/api/me/push/devices/'),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '/socket.io',
      '/SOCKET.IO/',
      '/assets',
      '/Assets/',
      '/metrics',
      '/healthz',
      '/readyz',
      '/favicon.svg',
      '/sw.js',
      '/manifest.webmanifest',
      '/icons/',
      '/',
      '//',
      '/no/such/page/',
    ),
  },
);

/** Every byte percent-encoded, valid UTF-8 or not (a decoder's worst case). */
const percentBytes = fc
  .uint8Array({ minLength: 1, maxLength: 12 })
  .map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));

/** Path segments that trip decoders, path joins and routers. */
const hostileSegment = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '..',
      '.',
      '%2e%2e',
      '%2E%2E%2F',
      '..%2f..%2fpackage.json',
      '..%2f..%2f..%2f..%2fetc%2fpasswd',
      '..%5c..%5cpackage.json',
      '%E0%A4%A',
      '%',
      '%%',
      '%zz',
      '%00',
      '%C0%AF',
      '%FF%FE',
      '%u002e',
      '%252e%252e',
      'index.html',
      'app-test.js',
      'does-not-exist.js',
      'favicon.svg',
      '',
      ';',
      '~',
      '.env',
      '%2F',
      'sessions',
      'profile',
      'export',
      '__proto__',
      'constructor',
    ),
  },
  { weight: 2, arbitrary: percentBytes },
  { weight: 1, arbitrary: hexId },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: 'binary', maxLength: 20 })
      .filter((s) => s.isWellFormed())
      .map(encodeURIComponent),
  },
  // Long, and past Node's 16 KB header limit (see expandLong).
  { weight: 1, arbitrary: fc.constantFrom('<4 KB>', '<20 KB>') },
);

export interface EngineQuery {
  eio: string;
  transport: string;
  /** live: a session handshaken for this batch; twice: that id given twice (an array). */
  sid: 'live' | 'none' | 'unknown' | 'malformed' | 'twice';
  extra: string;
}

/** Engine.IO's query: protocol, transport and which session the request claims. */
const engineQuery: fc.Arbitrary<EngineQuery> = fc.record({
  // Mostly right, so requests reach a session; sometimes wrong in every way Engine.IO checks.
  eio: fc.oneof(
    { weight: 6, arbitrary: fc.constant('EIO=4') },
    { weight: 1, arbitrary: fc.constantFrom('EIO=3', 'EIO=5', 'EIO=', 'EIO=x', 'EIO=4%00', '') },
  ),
  transport: fc.oneof(
    { weight: 6, arbitrary: fc.constant('transport=polling') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'transport=websocket',
        'transport=webtransport',
        'transport=',
        'transport=%E0%A4%A',
        '',
      ),
    },
  ),
  sid: fc.constantFrom<EngineQuery['sid']>(
    'live',
    'live',
    'live',
    'none',
    'unknown',
    'malformed',
    'twice',
  ),
  extra: fc.constantFrom('', 't=abc', 'j=0', 'b64=1', '%E0%A4%A', 't=%', 'a[__proto__][x]=1'),
});

/** Bodies an Engine.IO polling POST or an API call might carry, sane and not. */
const rawBody = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '40',
      '40{"protocolVersion":3}',
      '40{"protocolVersion":"x"}',
      '40{"__proto__":{"polluted":true}}',
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '2probe',
      '9',
      '4\u001e4\u001e',
      '42["session:whoami",{}]',
      '421["session:whoami",{}]',
      'b4AAAA',
      '\u001e',
      '',
      '{"broken',
      '{"__proto__":{"polluted":true}}',
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  // Past Engine.IO's 256 KB and the API's 100 KB limits (see expandLong).
  { weight: 1, arbitrary: fc.constantFrom('<300 KB packet>', '<120 KB JSON>') },
);

const LONG: Record<string, string> = {
  '<4 KB>': 'a'.repeat(4000),
  '<20 KB>': 'b'.repeat(20_000),
  '<300 KB packet>': '4'.repeat(300 * 1024),
  '<120 KB JSON>': `{"a":"${'x'.repeat(120_000)}"}`,
};

/**
 * Long values travel as short placeholders, so a failing case prints in a few lines; the
 * request itself carries the real thing.
 */
export const expandLong = (s: string): string =>
  s.replace(/<(4 KB|20 KB|300 KB packet|120 KB JSON)>/g, (m) => LONG[m] ?? m);

export interface ServerRequest {
  method: string;
  prefix: string;
  segments: string[];
  /** Engine.IO's query for /socket.io/ paths; a query of hostile pairs elsewhere. */
  engine: EngineQuery;
  query: string;
  body: string | null;
  /**
   * sized: the body has its Content-Length. unsized: none, so a GET's body reaches the server
   * as bytes after the request that are not HTTP (Node's client frames only some methods).
   */
  framing: 'sized' | 'unsized';
  contentType: string | null;
  cookie: 'none' | 'valid' | 'garbage';
  origin: string | null;
}

/** A request anywhere on the server, in any method, mostly malformed somewhere. */
export const serverRequest: fc.Arbitrary<ServerRequest> = fc.record({
  method: fc.constantFrom(
    'GET',
    'GET',
    'GET',
    'POST',
    'POST',
    'PUT',
    'PATCH',
    'DELETE',
    'OPTIONS',
    'HEAD',
    'TRACE',
    'PROPFIND',
    'FOO',
  ),
  prefix,
  segments: fc.array(hostileSegment, { maxLength: 3 }),
  engine: engineQuery,
  query: fc.oneof(
    fc.constant(''),
    fc
      .array(fc.tuple(hostileSegment, hostileSegment), { maxLength: 3 })
      .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
  ),
  body: fc.option(rawBody, { freq: 3 }),
  framing: fc.constantFrom<ServerRequest['framing']>('sized', 'sized', 'sized', 'unsized'),
  contentType: fc.option(
    fc.constantFrom(
      'text/plain;charset=UTF-8',
      'application/json',
      'application/json; charset=utf-16',
      'application/octet-stream',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'x/%E0%A4%A',
    ),
  ),
  cookie: fc.constantFrom('none', 'valid', 'garbage'),
  origin: fc.option(fc.constantFrom('http://localhost:3999', 'https://evil.example', 'null')),
});
