import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../log.js';
import {
  findOnPath,
  freePort,
  killStale,
  spawnDaemon,
  stopChild,
  waitForPort,
} from './processes.js';

const run = promisify(execFile);

export interface StartedDatabase {
  uri: string;
  /** Human description printed at start: which server and where its data lives. */
  description: string;
  kind: 'external' | 'mongod' | 'memory-server' | 'ferretdb-sqlite';
  stop(): Promise<void>;
}

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');

/**
 * The embedded default: MONGODB_URI if set, else a mongod on PATH, else mongodb-memory-server
 * with a persistent folder, else FerretDB on SQLite (built with Go when missing). Data lives
 * under dataDir and survives restarts.
 */
export async function startDatabase(
  opts: { uri?: string | undefined; dataDir: string },
  log: Logger,
): Promise<StartedDatabase> {
  if (opts.uri) {
    return {
      uri: opts.uri,
      description: 'external MongoDB (MONGODB_URI)',
      kind: 'external',
      stop: async () => {},
    };
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const attempts: [string, () => Promise<StartedDatabase | undefined>][] = [
    ['mongod on PATH', () => startMongod(opts.dataDir)],
    ['mongodb-memory-server', () => startMemoryServer(opts.dataDir, log)],
    ['FerretDB (SQLite)', () => startFerretSqlite(opts.dataDir, log)],
  ];
  const failures: string[] = [];
  for (const [name, attempt] of attempts) {
    try {
      const db = await attempt();
      if (db) return db;
      failures.push(`${name}: not available`);
    } catch (err) {
      failures.push(`${name}: ${(err as Error).message}`);
      log.warn({ err: (err as Error).message }, `${name} could not start`);
    }
  }
  throw new Error(`No database could be started:\n  ${failures.join('\n  ')}`);
}

async function startMongod(dataDir: string): Promise<StartedDatabase | undefined> {
  const bin = findOnPath('mongod');
  if (!bin) return undefined;
  const dbPath = path.join(dataDir, 'mongod');
  mkdirSync(dbPath, { recursive: true });
  const pidFile = path.join(dataDir, 'mongod.pid');
  killStale(pidFile, 'mongod');
  const port = await freePort();
  const child = spawnDaemon(
    bin,
    ['--dbpath', dbPath, '--port', String(port), '--bind_ip', '127.0.0.1'],
    pidFile,
    path.join(dataDir, 'mongod.log'),
  );
  await waitForPort(port, child, 30_000);
  return {
    uri: `mongodb://127.0.0.1:${port}/yhteistyotila`,
    description: `mongod (${bin}), data in ${dbPath}`,
    kind: 'mongod',
    stop: () => stopChild(child),
  };
}

const MONGODB_DOWNLOAD_HOST = 'https://fastdl.mongodb.org/';

async function startMemoryServer(
  dataDir: string,
  log: Logger,
): Promise<StartedDatabase | undefined> {
  const downloadDir = path.join(dataDir, 'mongodb-binaries');
  const cached =
    existsSync(downloadDir) && readdirSync(downloadDir).some((f) => f.startsWith('mongod'));
  if (!cached) {
    // mongodb-memory-server has no download timeout of its own: without a network it would
    // hang, so ask first and give up within seconds.
    const reachable = await fetch(MONGODB_DOWNLOAD_HOST, {
      method: 'HEAD',
      signal: AbortSignal.timeout(3000),
    })
      .then(() => true)
      .catch(() => false);
    if (!reachable) return undefined;
    log.info('downloading MongoDB for mongodb-memory-server (first start only)');
  }
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const dbPath = path.join(dataDir, 'mongodb');
  mkdirSync(dbPath, { recursive: true });
  const server = await MongoMemoryServer.create({
    instance: { dbPath, storageEngine: 'wiredTiger' },
    binary: { downloadDir },
  });
  return {
    uri: server.getUri('yhteistyotila'),
    description: `MongoDB via mongodb-memory-server, data in ${dbPath}`,
    kind: 'memory-server',
    stop: async () => void (await server.stop({ doCleanup: false })),
  };
}

async function findOrInstallFerret(dataDir: string, log: Logger): Promise<string | undefined> {
  const local = path.join(dataDir, 'bin', 'ferretdb');
  const found =
    process.env.FERRETDB_BIN ?? findOnPath('ferretdb') ?? (existsSync(local) ? local : undefined);
  if (found) return found;
  if (!findOnPath('go')) return undefined;
  log.info(
    { target: local },
    'FerretDB not found: building it with Go (first start only, about two minutes)',
  );
  await run('bash', [path.join(REPO_ROOT, 'scripts/install-ferretdb.sh'), path.dirname(local)], {
    timeout: 15 * 60_000,
  });
  return local;
}

async function startFerretSqlite(
  dataDir: string,
  log: Logger,
): Promise<StartedDatabase | undefined> {
  const bin = await findOrInstallFerret(dataDir, log);
  if (!bin) return undefined;
  const sqliteDir = path.join(dataDir, 'ferretdb-sqlite');
  const stateDir = path.join(dataDir, 'ferretdb-state');
  mkdirSync(sqliteDir, { recursive: true });
  mkdirSync(stateDir, { recursive: true });
  const pidFile = path.join(dataDir, 'ferretdb.pid');
  killStale(pidFile, 'ferretdb');
  const [port, debugPort] = [await freePort(), await freePort()];
  const child = spawnDaemon(
    bin,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${sqliteDir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${stateDir}`,
      `--debug-addr=127.0.0.1:${debugPort}`,
      '--telemetry=disable',
      '--log-level=warn',
    ],
    pidFile,
    path.join(dataDir, 'ferretdb.log'),
  );
  await waitForPort(port, child, 30_000);
  return {
    uri: `mongodb://127.0.0.1:${port}/yhteistyotila`,
    description: `FerretDB (SQLite backend, ${bin}), data in ${sqliteDir}`,
    kind: 'ferretdb-sqlite',
    stop: () => stopChild(child),
  };
}
