import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDatabase, type StartedDatabase } from '../db/launcher.js';
import { createLogger } from '../log.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

let started: StartedDatabase | undefined;

/**
 * Tests use MONGODB_URI when it is set (CI: FerretDB on PostgreSQL; elsewhere a real MongoDB),
 * else the same embedded launcher as `npm start`, with its own data folder.
 */
export async function setup(project: TestProject) {
  const dataDir = path.resolve(import.meta.dirname, '../../../../.data/test-db');
  started = await startDatabase(
    { uri: process.env.MONGODB_URI, dataDir },
    createLogger('warn', 'test-db'),
  );
  project.provide('mongoUri', started.uri);
}

export async function teardown() {
  await started?.stop();
}
