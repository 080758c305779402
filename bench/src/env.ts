import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '../..');

/** Every child process the bench starts, so an interrupted run (Ctrl-C) leaves none behind. */
export const children = new Set<ChildProcess>();
export const track = (child: ChildProcess): ChildProcess => {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
};
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForPort(
  port: number,
  timeoutMs: number,
  child?: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`process exited with code ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, '127.0.0.1');
      sock.once('connect', () => (sock.destroy(), resolve(true)));
      sock.once('error', () => resolve(false));
    });
    if (open) return;
    // Often: a restarted server's port opening starts the reconnect storm's clock.
    await sleep(10);
  }
  throw new Error(`port ${port} did not open within ${timeoutMs} ms`);
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  os: string;
  commit: string;
  dirty: boolean;
}

export function machine(): Machine {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: REPO, encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1e9),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    commit: git('rev-parse', '--short', 'HEAD'),
    dirty: git('status', '--porcelain', '--untracked-files=no') !== '',
  };
}

/** CPU seconds and RSS of a process from /proc (Linux). */
export function procStats(pid: number): { cpuSeconds: number; rssMb: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { cpuSeconds: ticks / 100, rssMb: rssKb / 1024 };
  } catch {
    return undefined;
  }
}

/** Busy and total jiffies of the whole machine (/proc/stat), to see load from other processes. */
export function machineCpu(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const total = v.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/** Cores the whole machine kept busy between two machineCpu() readings. */
export const busyCores = (
  a: { busy: number; total: number },
  b: { busy: number; total: number },
) =>
  b.total > a.total
    ? Math.round(((b.busy - a.busy) / (b.total - a.total)) * os.availableParallelism() * 100) / 100
    : 0;

/** Samples a process's CPU (fraction of one core) and RSS while a phase runs. */
export class ProcSampler {
  private timer: NodeJS.Timeout | undefined;
  private readonly cpu: number[] = [];
  private readonly rss: number[] = [];
  private last: { cpuSeconds: number; at: number } | undefined;
  private start: { cpuSeconds: number; at: number } | undefined;

  constructor(private readonly pid: number) {}

  private rssStart = 0;

  begin(): void {
    const s = procStats(this.pid);
    if (s) this.start = this.last = { cpuSeconds: s.cpuSeconds, at: Date.now() };
    this.rssStart = s?.rssMb ?? 0;
    this.timer = setInterval(() => this.sample(), 500);
  }

  private sample(): void {
    const s = procStats(this.pid);
    if (!s || !this.last) return;
    const at = Date.now();
    this.cpu.push((s.cpuSeconds - this.last.cpuSeconds) / ((at - this.last.at) / 1000));
    this.rss.push(s.rssMb);
    this.last = { cpuSeconds: s.cpuSeconds, at };
  }

  end(): {
    cpuAvg: number;
    cpuMax: number;
    rssStartMb: number;
    rssMaxMb: number;
    rssEndMb: number;
  } {
    clearInterval(this.timer);
    const s = procStats(this.pid);
    const at = Date.now();
    const avg =
      s && this.start ? (s.cpuSeconds - this.start.cpuSeconds) / ((at - this.start.at) / 1000) : 0;
    const r = (n: number) => Math.round(n * 100) / 100;
    return {
      cpuAvg: r(avg),
      cpuMax: r(Math.max(0, ...this.cpu)),
      rssStartMb: r(this.rssStart),
      rssMaxMb: r(Math.max(s?.rssMb ?? 0, ...this.rss)),
      rssEndMb: r(s?.rssMb ?? 0),
    };
  }
}

export interface BenchDatabase {
  uri: string;
  dbName: string;
  kind: string;
  description: string;
  pid?: number | undefined;
  /** Set when the database is our own FerretDB on PostgreSQL. */
  postgresUrl?: string | undefined;
  stop(): Promise<void>;
}

const findBin = (name: string, extra: string[]): string | undefined => {
  for (const dir of [...(process.env.PATH ?? '').split(path.delimiter), ...extra]) {
    const p = path.join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
};

/**
 * MONGODB_URI when set (a fresh database name on it; if it is a FerretDB on PostgreSQL, set
 * FERRETDB_POSTGRESQL_URL to its PostgreSQL database too, so the server adds its GIN twins);
 * else our own FerretDB on PostgreSQL with a fresh PostgreSQL database, so the bench never
 * shares a database with tests or people.
 */

/**
 * PostgreSQL on this machine's loopback needs no TLS, and pgx (FerretDB's driver) asks for it by
 * default (`sslmode=prefer`): a profile of the DM scenario showed FerretDB spending a tenth of
 * its CPU encrypting its round trips to PostgreSQL, which PostgreSQL then decrypts.
 */
function loopbackWithoutTls(url: string): string {
  const { hostname } = new URL(url);
  const loopback = hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
  return loopback && !url.includes('sslmode=') ? '?sslmode=disable' : '';
}

export async function startBenchDatabase(runId: string): Promise<BenchDatabase> {
  const dbName = `bench_${runId}`;
  if (process.env.MONGODB_URI) {
    return {
      uri: process.env.MONGODB_URI,
      dbName,
      kind: 'external (MONGODB_URI)',
      description: 'MONGODB_URI',
      postgresUrl: process.env.FERRETDB_POSTGRESQL_URL,
      stop: async () => {},
    };
  }
  const ferret =
    process.env.FERRETDB_BIN ??
    findBin('ferretdb', [path.join(REPO, '.data/bin'), '/opt/tools/gobin']);
  if (!ferret)
    throw new Error(
      'Set MONGODB_URI, or install FerretDB (scripts/install-ferretdb.sh) and PostgreSQL',
    );
  const pgBase = (process.env.BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432').replace(
    /\/$/,
    '',
  );
  const pgDb = `bench_${runId}`;
  execFileSync('psql', [`${pgBase}/postgres`, '-qc', `CREATE DATABASE ${pgDb}`], { stdio: 'pipe' });
  const [port, debugPort] = [await freePort(), await freePort()];
  const stateDir = path.join(REPO, '.data/bench', runId, 'ferretdb-state');
  mkdirSync(stateDir, { recursive: true });
  const child = track(
    spawn(
      ferret,
      [
        '--handler=postgresql',
        `--postgresql-url=${pgBase}/${pgDb}${loopbackWithoutTls(pgBase)}`,
        `--listen-addr=127.0.0.1:${port}`,
        `--state-dir=${stateDir}`,
        `--debug-addr=127.0.0.1:${debugPort}`,
        '--telemetry=disable',
        '--log-level=error',
      ],
      { stdio: 'ignore' },
    ),
  );
  await waitForPort(port, 30_000, child);
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    dbName,
    kind: 'FerretDB 1.x on PostgreSQL',
    description: `FerretDB (${ferret}) on PostgreSQL database ${pgDb}`,
    pid: child.pid,
    postgresUrl: `${pgBase}/${pgDb}`,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      try {
        execFileSync('psql', [`${pgBase}/postgres`, '-qc', `DROP DATABASE IF EXISTS ${pgDb}`], {
          stdio: 'pipe',
        });
      } catch {
        // leave it; the name is unique per run
      }
    },
  };
}
