import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { createApplication, type Application } from '../app.js';
import { loadConfig, type Env } from '../config.js';
import { createLogger } from '../log.js';
import { connectTestDatabase } from './harness.js';

/** pino's numeric levels: 30 info, 40 warn, 50 error, 60 fatal. */
const WARN = 40;

export interface LogLine {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

export interface WholeServer {
  url: string;
  application: Application;
  /** The temporary built web app it serves (index.html, assets/app-test.js). */
  webDist: string;
  /** Every structured log line written so far, parsed. */
  logs: LogLine[];
  /** The raw text of those lines, for looking for things that must never be logged. */
  rawLogs: string[];
  close(): Promise<void>;
}

/**
 * The whole HTTP server as production serves it: Express with the built web app, Engine.IO on
 * /socket.io/, /metrics, all on one port, with its log lines captured. The web build may be
 * absent in a unit test run (it is a build output), so a tiny one is written to a temporary
 * folder.
 */
export async function startWholeServer(
  env: Partial<Env> = {},
  logLevel = 'debug',
): Promise<WholeServer> {
  const webDist = makeWebDist();
  // A test file that already runs a harness server shares its database and leaves it to it.
  const ownsDatabase = mongoose.connection.readyState !== 1;
  const dbName = await connectTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    PUBLIC_URL: 'http://localhost:3999',
    DATA_DIR: `.data/test-runs/${dbName}`,
    SERVE_WEB: 'true',
    WEB_DIST: webDist,
    SOCKET_EVENT_RATE: '1000000',
    SOCKET_EVENT_BURST: '1000000',
    MESSAGE_SEND_BURST: '1000',
    ...env,
  } as Record<string, string>);

  const logs: LogLine[] = [];
  const rawLogs: string[] = [];
  const capture = {
    write(line: string) {
      rawLogs.push(line);
      logs.push(JSON.parse(line) as LogLine);
    },
  };
  const application = await createApplication(config, createLogger(logLevel, 'server', capture));
  const port = await application.listen();
  return {
    url: `http://127.0.0.1:${port}`,
    application,
    webDist,
    logs,
    rawLogs,
    async close() {
      await application.close();
      if (ownsDatabase) {
        await mongoose.connection.db?.dropDatabase().catch(() => undefined);
        await mongoose.disconnect();
      }
      rmSync(webDist, { recursive: true, force: true });
    },
  };
}

/**
 * A tiny built web app in a temporary folder: index.html, favicon.svg, assets/app-test.js, and
 * the installable app's sw.js and manifest.webmanifest.
 */
function makeWebDist(): string {
  const webDist = mkdtempSync(path.join(tmpdir(), 'yt-web-dist-'));
  mkdirSync(path.join(webDist, 'assets'));
  writeFileSync(
    path.join(webDist, 'index.html'),
    '<!doctype html><title>Yhteistyötila</title><script type="module" src="/assets/app-test.js"></script>',
  );
  writeFileSync(path.join(webDist, 'assets', 'app-test.js'), 'console.log("app");\n');
  writeFileSync(path.join(webDist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(webDist, 'sw.js'), 'self.addEventListener("push", () => {});\n');
  writeFileSync(path.join(webDist, 'manifest.webmanifest'), '{"name":"Yhteistyötila"}\n');
  return webDist;
}

/** Log lines at warn level or above (nothing an ordinary bad request may cause). */
export const warnings = (server: WholeServer) => server.logs.filter((l) => l.level >= WARN);

/**
 * Log lines that name a place on this machine's disk: the web build, the working directory or
 * the temporary folder. A request must not learn (nor make the log carry) the server's layout.
 */
export const linesWithPaths = (server: WholeServer) =>
  server.rawLogs.filter((line) =>
    [server.webDist, process.cwd(), tmpdir(), path.resolve(import.meta.dirname, '../../..')].some(
      (dir) => line.includes(dir) || line.includes(JSON.stringify(dir).slice(1, -1)),
    ),
  );
