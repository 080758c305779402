import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    serverDataDir: string;
    serverLogFile: string;
  }
}

const REPO = path.resolve(import.meta.dirname, '../../..');
let server: ChildProcess | undefined;

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

/**
 * Browser tests run against the real production build: `node apps/server/dist/main.js` serving
 * apps/web/dist, on MONGODB_URI when set (CI: FerretDB) or the embedded default otherwise.
 * Mail goes to .eml files in the data folder, where tests read the links.
 */
export async function setup(project: TestProject) {
  const port = await freePort();
  const dataDir = path.join(os.tmpdir(), `yt-e2e-${randomBytes(4).toString('hex')}`);
  mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dataDir, 'server.log');
  const out = openSync(logFile, 'a');
  const baseUrl = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [path.join(REPO, 'apps/server/dist/main.js')], {
    env: {
      ...process.env,
      // Development mode, as `npm start` runs: mail to .eml files, the first-admin link printed.
      NODE_ENV: 'development',
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      DATA_DIR: dataDir,
      MONGODB_DB_NAME: `e2e_${randomBytes(4).toString('hex')}`,
      LOG_LEVEL: 'warn',
      SMTP_URL: '',
      // The tests' seeding helpers post faster than a person types (test/harness.ts does the same).
      MESSAGE_SEND_BURST: '1000',
      // Batched notification mail goes within seconds, not a quarter of an hour.
      EMAIL_BATCH_SECONDS: '3',
    },
    stdio: ['ignore', out, out],
  });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`server exited (${server.exitCode}); see ${logFile}`);
    const ok = await fetch(`${baseUrl}/readyz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  project.provide('baseUrl', baseUrl);
  project.provide('serverDataDir', dataDir);
  project.provide('serverLogFile', logFile);
}

export async function teardown() {
  if (!server || server.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    server?.once('exit', () => resolve());
    server?.kill('SIGTERM');
    setTimeout(() => (server?.kill('SIGKILL'), resolve()), 15_000);
  });
}
