/**
 * Test support for delivery tests across real server processes: a private Redis, server
 * processes started from the built `dist/main.js` (killable with SIGKILL), and a client model
 * that applies facts and catch-up results the way the web client must.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  PROTOCOL_VERSION,
  catchUp,
  serverEvents,
  type ClientToServerEvents,
  type Message,
  type ServerEventName,
  type ServerToClientEvents,
} from '@yhteistyotila/protocol';
import { io as ioClient, type Socket } from 'socket.io-client';
import { freePort } from '../../db/processes.js';
import { ok } from '../../test/sockets.js';
import { inject } from 'vitest';
import {
  startTestServer,
  testClientOptions,
  testTransport,
  transportOf,
  type SocketTransport,
  type TestServer,
  type TestSocket,
} from '../../test/harness.js';

export const MAIN_JS = path.resolve(import.meta.dirname, '../../../dist/main.js');
export const assertBuilt = () => {
  if (!existsSync(MAIN_JS))
    throw new Error(
      `${MAIN_JS} missing: run \`npx turbo run build --filter=@yhteistyotila/server\` first`,
    );
};

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface Redis {
  url: string;
  stop(): Promise<void>;
}

/** A private redis-server (no persistence) on a free port. */
export async function startRedis(): Promise<Redis> {
  const port = await freePort();
  const proc = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const { createClient } = await import('redis');
  const url = `redis://127.0.0.1:${port}`;
  await waitUntil(
    async () => {
      const c = createClient({ url, socket: { reconnectStrategy: false } });
      c.on('error', () => undefined);
      await c.connect();
      await c.quit();
      return true;
    },
    10_000,
    'redis',
  );
  return { url, stop: () => stopProcess(proc, 'SIGTERM') };
}

async function stopProcess(proc: ChildProcess, signal: NodeJS.Signals) {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  proc.kill(signal);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
}

export interface ServerProcess {
  url: string;
  port: number;
  /** Graceful (SIGTERM). */
  stop(): Promise<void>;
  /** SIGKILL: no shutdown code runs. */
  kill(): Promise<void>;
  /** Starts again on the same port. */
  restart(): Promise<void>;
}

export async function startServerProcess(env: {
  mongoUri: string;
  dbName: string;
  redisUrl: string;
}): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let proc: ChildProcess;
  const launch = async () => {
    proc = spawn(process.execPath, [MAIN_JS], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_URL: 'http://localhost:3999',
        MONGODB_URI: env.mongoUri,
        MONGODB_DB_NAME: env.dbName,
        REDIS_URL: env.redisUrl,
        SERVE_WEB: 'false',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        DATA_DIR: `.data/test-runs/${env.dbName}-${port}`,
        // Bursts from test writers are faster than people type (as in test/harness.ts).
        MESSAGE_SEND_BURST: '1000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitUntil(async () => (await fetch(`${url}/readyz`)).ok, 60_000, `server on ${port}`);
  };
  await launch();
  return {
    url,
    port,
    stop: () => stopProcess(proc, 'SIGTERM'),
    kill: () => stopProcess(proc, 'SIGKILL'),
    restart: launch,
  };
}

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A socket.io client on any server URL, with the same contract check and transport as the
 * harness. Long-polling needs no sticky sessions here: each client talks to one process's own
 * URL (no load balancer in between), so all of a session's requests reach the process that
 * holds it.
 */
export async function connectTo(
  url: string,
  cookie: string,
  violations: string[],
  transport: SocketTransport = testTransport,
): Promise<TestSocket> {
  const socket = ioClient(url, {
    ...testClientOptions(transport),
    auth: { protocolVersion: PROTOCOL_VERSION },
    extraHeaders: { cookie },
  }) as TestSocket;
  socket.onAny((event: string, payload: unknown) => {
    const schema = serverEvents[event as ServerEventName];
    if (!schema) violations.push(`${event}: not in the protocol`);
    else if (!schema.safeParse(payload).success) violations.push(`${event}: schema mismatch`);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  if (transportOf(socket) !== transport)
    throw new Error(`socket connected over ${transportOf(socket)}, not ${transport}`);
  await ok(socket, 'conversation:list', {});
  return socket;
}

/**
 * What a client holds of one conversation: the copy with the highest changeSeq per message id,
 * fed by live facts and by catch-up from a trailing watermark (docs/realtime.md).
 */
export class ConversationReplica {
  readonly messages = new Map<string, Message>();
  maxChangeSeq = 0;
  constructor(readonly conversationId: string) {}

  apply(message: Message) {
    if (message.conversationId !== this.conversationId) return;
    const held = this.messages.get(message.id);
    if (!held || held.changeSeq < message.changeSeq) this.messages.set(message.id, message);
    this.maxChangeSeq = Math.max(this.maxChangeSeq, message.changeSeq);
  }

  /** Live facts from this socket. */
  listen(socket: TestSocket) {
    socket.on('message:created', ({ message }) => this.apply(message));
    socket.on('message:updated', ({ message }) => this.apply(message));
  }

  /** Catch-up with the protocol's algorithm, the one the web client runs. */
  async catchUp(socket: TestSocket) {
    const { maxChangeSeq } = await catchUp({
      maxChangeSeq: this.maxChangeSeq,
      fetchPage: (sinceChangeSeq) =>
        ok(socket, 'conversation:sync', { conversationId: this.conversationId, sinceChangeSeq }),
      apply: (page) => page.messages.forEach((m) => this.apply(m)),
    });
    this.maxChangeSeq = maxChangeSeq;
  }

  /** Top-level messages in display order. */
  ordered(): Message[] {
    return [...this.messages.values()].filter((m) => !m.threadRootId).sort((a, b) => a.seq - b.seq);
  }
}

/**
 * The fixture the multi-process tests share: the in-test server plus two `dist/main.js`
 * processes, all on one Redis and one database; sockets connected through `connect` are
 * contract-checked into `violations` and closed by `stop`.
 */
export interface Cluster {
  server: TestServer;
  nodeA: ServerProcess;
  nodeB: ServerProcess;
  violations: string[];
  connect(url: string, user: { cookie: string }): Promise<TestSocket>;
  stop(): Promise<void>;
}

export async function startCluster(redisUrl: string): Promise<Cluster> {
  assertBuilt();
  const server = await startTestServer({ REDIS_URL: redisUrl });
  const env = { mongoUri: inject('mongoUri'), dbName: server.dbName, redisUrl };
  const [nodeA, nodeB] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  const violations: string[] = [];
  const sockets: TestSocket[] = [];
  return {
    server,
    nodeA,
    nodeB,
    violations,
    async connect(url, user) {
      const socket = await connectTo(url, user.cookie, violations);
      sockets.push(socket);
      return socket;
    },
    async stop() {
      for (const s of sockets) s.disconnect();
      await Promise.all([nodeA.stop(), nodeB.stop()]);
      await server.close();
    },
  };
}
