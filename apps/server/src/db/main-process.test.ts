import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findOnPath, freePort } from './processes.js';

/**
 * What `npm start` does after building: `node apps/server/dist/main.js` with no MONGODB_URI.
 * Runs the built server as a real process, so it needs `npm run build` first (the root
 * `npm test` builds before testing).
 */
const MAIN = path.resolve(import.meta.dirname, '../../dist/main.js');
const hasDatabaseServer = Boolean(
  process.env.FERRETDB_BIN ?? findOnPath('ferretdb') ?? findOnPath('mongod'),
);
if (!hasDatabaseServer) {
  console.warn(
    'main-process.test: SKIPPED: no `ferretdb` or `mongod` installed (see launcher.test.ts).',
  );
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yt-main-'));
let child: ChildProcess | undefined;

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function waitForOutput(
  proc: ChildProcess,
  pattern: RegExp,
  output: () => string,
  timeoutMs: number,
) {
  return new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output()}`)),
      timeoutMs,
    );
    const check = () => {
      const match = output().match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    proc.stdout?.on('data', check);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before ${pattern}:\n${output()}`));
    });
  });
}

describe.skipIf(!hasDatabaseServer)('the built server started like `npm start`', () => {
  it('names its database, answers /readyz and stops gracefully on SIGTERM', async () => {
    expect(
      existsSync(MAIN),
      `${MAIN} is missing: run \`npm run build\` (the root \`npm test\` does)`,
    ).toBe(true);
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    };
    for (const name of ['MONGODB_URI', 'MONGODB_DB_NAME', 'REDIS_URL', 'SMTP_URL', 'PUBLIC_URL'])
      delete env[name];

    let output = '';
    child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));

    const [, database] = await waitForOutput(child, /Database: (.+)\n/, () => output, 60_000);
    expect(database).toContain(dataDir);
    expect(output).toContain(`running at http://localhost:${port}`);

    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true });

    const exited = new Promise<number | null>((resolve) =>
      child?.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // Graceful shutdown stopped the database child too: no pid file of a running server left.
    expect(readdirSync(dataDir).filter((f) => f.endsWith('.pid'))).toEqual([]);
  }, 90_000);
});
