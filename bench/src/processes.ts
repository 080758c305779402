import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, freePort, track as trackChild, waitForPort } from './env.js';

export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /**
   * When its port first accepted a connection (Date.now()): clients may connect from then on,
   * before the ready check answers (the real server's pings the database, which a reconnect
   * storm keeps busy).
   */
  listeningAt: number;
  /** SIGTERM (graceful) or SIGKILL; resolves when the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface RealServerOptions {
  mongoUri: string;
  dbName: string;
  runDir: string;
  port?: number;
  redisUrl?: string;
  /** FerretDB's PostgreSQL: the server adds the GIN indexes FerretDB's filters need. */
  postgresUrl?: string | undefined;
  /** Serve the built web app too (the Lighthouse row); the load scenarios need no pages. */
  serveWeb?: boolean;
}

/** Production serves /metrics only to a scraper with the configured token; one per bench run. */
const METRICS_TOKEN = randomBytes(24).toString('hex');

/** The server's /metrics text, as a scraper with the token reads it ('' if there is none). */
export const fetchMetrics = (server: ServerProcess): Promise<string> =>
  fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }).then(
    (r) => (r.ok ? r.text() : ''),
    () => '',
  );

/** The V8 flags `npm start` and the container give the server (decision 88). */
const SERVER_NODE_FLAGS = JSON.parse(
  readFileSync(path.join(REPO, 'apps/server/node-flags.json'), 'utf8'),
) as string[];

/** The real server exactly as `npm start` runs it in production mode (built dist). */
export async function startRealServer(opts: RealServerOptions): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const dataDir = path.join(opts.runDir, 'server-data');
  mkdirSync(dataDir, { recursive: true });
  const child = trackChild(
    spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(REPO, 'apps/server/dist/main.js')], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        // e.g. BENCH_SERVER_NODE_OPTIONS=--cpu-prof to profile the server under load.
        ...(process.env.BENCH_SERVER_NODE_OPTIONS
          ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS }
          : {}),
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_URL: `http://localhost:${port}`,
        // Required in production; the bench sends no mail.
        SMTP_URL: 'smtp://127.0.0.1:9',
        // The bench reads heap and event-loop lag from /metrics.
        METRICS_TOKEN,
        MONGODB_URI: opts.mongoUri,
        MONGODB_DB_NAME: opts.dbName,
        LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'error',
        SERVE_WEB: opts.serveWeb ? 'true' : 'false',
        DATA_DIR: dataDir,
        ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl } : {}),
        // BENCH_FERRETDB_GIN=0 measures FerretDB without the GIN twins (docs/BENCHMARKS.md).
        ...(opts.postgresUrl && process.env.BENCH_FERRETDB_GIN !== '0'
          ? { FERRETDB_POSTGRESQL_URL: opts.postgresUrl }
          : {}),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  return track(child, port, 60_000, '/readyz');
}

/** The baseline server (bench/src/bare-server.ts). */
export async function startBareServer(fixedPort?: number): Promise<ServerProcess> {
  const port = fixedPort ?? (await freePort());
  const child = trackChild(
    spawn(process.execPath, [path.join(import.meta.dirname, 'bare-server.js')], {
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        NODE_ENV: 'production',
        ...(process.env.BENCH_BARE_NODE_OPTIONS
          ? { NODE_OPTIONS: process.env.BENCH_BARE_NODE_OPTIONS }
          : {}),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  return track(child, port, 10_000, '/healthz');
}

async function track(
  child: ChildProcess,
  port: number,
  timeoutMs: number,
  readyPath: string,
): Promise<ServerProcess> {
  await waitForPort(port, timeoutMs, child);
  const listeningAt = Date.now();
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (
    (await fetch(url + readyPath)
      .then((r) => r.status)
      .catch(() => 0)) !== 200
  ) {
    if (Date.now() > deadline) throw new Error(`${url}${readyPath} not ready`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    pid: child.pid as number,
    child,
    listeningAt,
    stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => (clearTimeout(force), resolve()));
        child.kill(signal);
      });
    },
  };
}

/** A load-generator process, driven by request/response over IPC. */
export class Worker {
  private seq = 0;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  readonly child: ChildProcess;

  constructor(readonly index: number) {
    this.child = trackChild(
      fork(path.join(import.meta.dirname, 'worker.js'), [], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    this.child.on('message', (msg: { id: number; result?: unknown; error?: string }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`worker ${index}: ${msg.error}`));
      else p.resolve(msg.result);
    });
  }

  get pid(): number {
    return this.child.pid as number;
  }

  call<T>(command: Record<string, unknown>): Promise<T> {
    const id = this.seq++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, ...command });
    });
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

export const all = <T>(
  workers: Worker[],
  command: (w: Worker, i: number) => Record<string, unknown>,
) => Promise.all(workers.map((w, i) => w.call<T>(command(w, i))));
