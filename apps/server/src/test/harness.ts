import { randomBytes } from 'node:crypto';
import {
  PRESENCE_BATCH_MS,
  PROTOCOL_VERSION,
  type PresenceUpdate,
  serverEvents,
  type ClientToServerEvents,
  type ServerEventName,
  type ServerToClientEvents,
} from '@yhteistyotila/protocol';
import mongoose from 'mongoose';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, inject } from 'vitest';
import { createApplication, type Application } from '../app.js';
import { loadConfig, type Env } from '../config.js';
import { connectDatabase } from '../db/connection.js';
import type { Feature } from '../features/feature.js';
import { createLogger } from '../log.js';
import type { AppContext } from '../context.js';
import { publishing, type Facts } from '../realtime/facts.js';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type SocketTransport = 'websocket' | 'polling';

/**
 * The one transport every test client uses: WebSocket, or long-polling alone when
 * TEST_SOCKET_TRANSPORT=polling (the `server-polling` project in vitest.config.ts runs the
 * socket tests again that way, as a browser whose network blocks WebSockets would talk).
 */
export const testTransport: SocketTransport = transportFromEnv(process.env.TEST_SOCKET_TRANSPORT);

function transportFromEnv(value: string | undefined): SocketTransport {
  if (value === undefined || value === '' || value === 'websocket') return 'websocket';
  if (value === 'polling') return 'polling';
  throw new Error(`TEST_SOCKET_TRANSPORT must be websocket or polling, not ${value}`);
}

/** The client options every test socket shares: one transport only, so none can upgrade. */
export function testClientOptions(transport: SocketTransport = testTransport) {
  return { transports: [transport], forceNew: true, reconnection: false };
}

/** The transport a connected socket actually talks over (Engine.IO's current transport). */
export const transportOf = (socket: Socket): string => socket.io.engine.transport.name;

export interface TestServer {
  url: string;
  application: Application;
  dbName: string;
  /** Typed client with a contract check: every received event is parsed with its schema. */
  connect(opts?: ConnectOptions): Promise<TestSocket>;
  /** Schema violations seen by any client of this server (should stay empty). */
  contractViolations: string[];
  close(): Promise<void>;
}

export interface ConnectOptions {
  cookie?: string;
  origin?: string;
  protocolVersion?: number;
  /** Resolve even if the handshake is refused (returns the socket with its connect_error). */
  expectError?: boolean;
  /** Overrides TEST_SOCKET_TRANSPORT for this socket. */
  transport?: SocketTransport;
}

/**
 * Connects this test file's own database (dropped at close) on the shared test server.
 * `monitorCommands`: the driver emits an event per command (test/command-counter.ts); call this
 * before starting the server, which then keeps the connection.
 */
export async function connectTestDatabase(
  opts: { monitorCommands?: boolean } = {},
): Promise<string> {
  const dbName = `t_${randomBytes(6).toString('hex')}`;
  if (mongoose.connection.readyState !== 1) {
    await connectDatabase(
      { uri: inject('mongoUri'), dbName, poolSize: 10, monitorCommands: opts.monitorCommands },
      createLogger('silent'),
    );
  }
  return mongoose.connection.name;
}

export async function startTestServer(
  env: Partial<Env> = {},
  features?: Feature[],
): Promise<TestServer> {
  const dbName = await connectTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    SERVE_WEB: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PUBLIC_URL: 'http://localhost:3999',
    DATA_DIR: `.data/test-runs/${dbName}`,
    // Fuzzing and the authorisation matrix fire thousands of events from one socket; the
    // per-connection throttle has its own test (realtime/socket-throttle.test.ts).
    SOCKET_EVENT_RATE: '1000000',
    SOCKET_EVENT_BURST: '1000000',
    // Tests post faster than a person types; test/failure/flood.test.ts keeps the default.
    MESSAGE_SEND_BURST: '1000',
    ...env,
  } as Record<string, string>);
  const application = await createApplication(config, createLogger(config.logLevel), features);
  const port = await application.listen();
  const url = `http://127.0.0.1:${port}`;
  const sockets: TestSocket[] = [];
  const contractViolations: string[] = [];

  return {
    url,
    application,
    dbName,
    contractViolations,
    async connect(opts = {}) {
      const transport = opts.transport ?? testTransport;
      const socket: TestSocket = ioClient(url, {
        ...testClientOptions(transport),
        auth: { protocolVersion: opts.protocolVersion ?? PROTOCOL_VERSION },
        extraHeaders: {
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
          ...(opts.origin ? { origin: opts.origin } : {}),
        },
      });
      sockets.push(socket);
      socket.onAny((event: string, payload: unknown) => {
        if (event === BARRIER_EVENT) return;
        const schema = serverEvents[event as ServerEventName];
        if (!schema) contractViolations.push(`${event}: not in the protocol`);
        else {
          const parsed = schema.safeParse(payload);
          if (!parsed.success) contractViolations.push(`${event}: ${parsed.error.message}`);
        }
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (err) => (opts.expectError ? resolve() : reject(err)));
      });
      if (socket.connected && transportOf(socket) !== transport)
        throw new Error(`socket connected over ${transportOf(socket)}, not ${transport}`);
      return socket;
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await application.close();
      await mongoose.connection.db?.dropDatabase().catch(() => undefined);
      await mongoose.disconnect();
    },
  };
}

/**
 * The test file's own server, started before its tests and closed after them: `const server =
 * useTestServer();` at the file's top level. The object is filled in once the server has
 * started (beforeAll), so tests and hooks read it, never the file's top level itself.
 */
export function useTestServer(env: Partial<Env> = {}): TestServer {
  const server = {} as TestServer;
  beforeAll(async () => {
    Object.assign(server, await startTestServer(env));
  });
  afterAll(() => (server as Partial<TestServer>).close?.());
  return server;
}

/** Collects every `event` a socket receives, for asserting broadcasts (and their absence). */
export function collect<E extends ServerEventName>(socket: TestSocket, event: E) {
  const received: unknown[] = [];
  (socket as unknown as { on(e: string, l: (p: unknown) => void): void }).on(event, (p) =>
    received.push(p),
  );
  return received as Parameters<ServerToClientEvents[E]>[0][];
}

/** Every presence change a socket receives, flattened out of the batched events. */
export function collectPresence(socket: TestSocket) {
  const batches = collect(socket, 'presence:changed');
  return {
    get all() {
      return batches.flatMap((b) => b.changes);
    },
    some(pred: (change: PresenceUpdate) => boolean) {
      return this.all.some(pred);
    },
  };
}

/** The harness's own sentinel event (never in the protocol, never sent by the app). */
const BARRIER_EVENT = 'test:barrier';
let barrierCount = 0;

/**
 * Resolves once each socket has received everything `server` emitted to it before this call:
 * "nothing was broadcast" checks assert right after it, instead of sleeping and hoping.
 *
 * How: the harness emits a sentinel to each socket's own room through `server`'s Socket.IO
 * (the same adapter as the app's broadcasts) and waits for it to arrive. Why the sentinel comes
 * after any earlier emit:
 * - In one process (in-memory adapter) `io.to(room).emit` writes the packet to each socket's
 *   Engine.IO buffer synchronously, and a connection delivers its buffer in order, over
 *   WebSocket and over long-polling alike (a poll returns the buffered packets in sequence).
 * - With the Redis Streams adapter every broadcast is one XADD on one stream from this process's
 *   one Redis connection, so replies (and the local delivery that awaits them) keep emit order,
 *   and every other process reads the stream in order and delivers each entry synchronously.
 * So pass the process that handled the action (in a cluster, not necessarily the observer's).
 * What it does NOT cover: emits scheduled to happen later (the presence batch after
 * PRESENCE_BATCH_MS, work not awaited before the ack). A handler emits its facts before it
 * acks (realtime/define-handler.ts), so awaiting the action's ack first is what makes its
 * broadcasts "earlier". A client round trip (an ack to an event sent after the action's ack)
 * would not do: with the Redis adapter the local delivery of a broadcast waits for its XADD,
 * so an ack can overtake it.
 */
export async function barrier(server: TestServer, ...sockets: TestSocket[]): Promise<void> {
  const io = server.application.app.io as unknown as {
    to(room: string): { emit(event: string, token: number): boolean };
  };
  await Promise.all(
    sockets.map(async (socket) => {
      if (!socket.id) throw new Error('barrier on a socket that is not connected');
      const token = ++barrierCount;
      const arrived = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`barrier ${token} did not reach socket ${socket.id}`)),
          5000,
        );
        const onSentinel = (got: number) => {
          if (got !== token) return;
          clearTimeout(timer);
          sentinelTarget(socket).off(BARRIER_EVENT, onSentinel);
          resolve();
        };
        sentinelTarget(socket).on(BARRIER_EVENT, onSentinel);
      });
      io.to(socket.id).emit(BARRIER_EVENT, token);
      await arrived;
    }),
  );
}

/**
 * `barrier` for presence, which is batched: a change enqueued before this call is flushed by
 * the batch timer, armed at its enqueue with PRESENCE_BATCH_MS. A Node timer of the same
 * duration armed later fires after it (same-duration timers run in the order they were set),
 * and the flush emits synchronously; then `barrier` sees the batch delivered. The server runs
 * in this process, so both timers share one clock and one timer list.
 */
export async function presenceBarrier(server: TestServer, ...sockets: TestSocket[]) {
  await sleep(PRESENCE_BATCH_MS);
  await barrier(server, ...sockets);
}

const sentinelTarget = (socket: TestSocket) =>
  socket as unknown as {
    on(event: string, listener: (token: number) => void): void;
    off(event: string, listener: (token: number) => void): void;
  };

/** Waits for time itself (a timer that must not fire); never for a broadcast: see `barrier`. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a feature file hands to a job that publishes (services never import `publishing`). */
export const publisherOf =
  (app: AppContext) =>
  (write: (facts: Facts) => Promise<void>): Promise<void> =>
    publishing(app, write);
