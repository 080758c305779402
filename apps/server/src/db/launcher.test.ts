import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log.js';
import { startDatabase, type StartedDatabase } from './launcher.js';
import { findOnPath } from './processes.js';

/**
 * The embedded default (no MONGODB_URI) is what `npm start` runs on a laptop. This proves,
 * through startDatabase() itself, that data written before a stop is there after a start.
 * On this project's machines it is FerretDB on SQLite (CI puts `ferretdb` on PATH); with a
 * `mongod` on PATH it is that mongod.
 */
const ferret = process.env.FERRETDB_BIN ?? findOnPath('ferretdb');
const mongod = findOnPath('mongod');
const noServer = !ferret && !mongod;
if (noServer) {
  console.warn(
    'launcher.test: SKIPPED: neither `ferretdb` (PATH or FERRETDB_BIN) nor `mongod` is installed; ' +
      'run scripts/install-ferretdb.sh <dir> and put <dir> on PATH (.ci/run does).',
  );
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yt-launcher-'));
const started: StartedDatabase[] = [];

async function withConnection<T>(
  uri: string,
  fn: (conn: mongoose.Connection) => Promise<T>,
): Promise<T> {
  // A connection of its own, so the test never touches the global Mongoose connection.
  const conn = await mongoose
    .createConnection(uri, { serverSelectionTimeoutMS: 10_000 })
    .asPromise();
  try {
    return await fn(conn);
  } finally {
    await conn.close();
  }
}

afterAll(async () => {
  for (const db of started) await db.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(noServer)('embedded default database', () => {
  it('keeps data written before a stop after the next start', async () => {
    const log = createLogger('silent');
    const first = await startDatabase({ uri: undefined, dataDir }, log);
    started.push(first);
    expect(first.kind).not.toBe('external');
    // The description is what the console prints: it names the server and the data folder.
    expect(first.description).toContain(dataDir);

    await withConnection(first.uri, async (conn) => {
      await conn.collection('persistence_probe').insertOne({ key: 'kept', text: 'Hei, maailma' });
    });
    await first.stop();

    const second = await startDatabase({ uri: undefined, dataDir }, log);
    started.push(second);
    expect(second.kind).toBe(first.kind);
    const doc = await withConnection(second.uri, (conn) =>
      conn.collection('persistence_probe').findOne({ key: 'kept' }),
    );
    expect(doc?.text).toBe('Hei, maailma');
    await second.stop();
    // The database child is gone and has removed its pid file (no stale process holds the files).
    expect(
      existsSync(path.join(dataDir, `${second.kind === 'mongod' ? 'mongod' : 'ferretdb'}.pid`)),
    ).toBe(false);
  });
});

describe('external database', () => {
  it('uses MONGODB_URI as given and starts nothing', async () => {
    const externalDir = path.join(dataDir, 'external');
    const db = await startDatabase(
      { uri: 'mongodb://db.example:27017/x', dataDir: externalDir },
      createLogger('silent'),
    );
    expect(db).toMatchObject({ kind: 'external', uri: 'mongodb://db.example:27017/x' });
    expect(existsSync(externalDir)).toBe(false);
  });
});
