import { createApplication, disconnectDatabase } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { connectDatabase, databaseInfo } from './db/connection.js';
import { startDatabase } from './db/launcher.js';
import { createLogger } from './log.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const db = await startDatabase({ uri: config.mongodbUri, dataDir: config.dataDir }, log);
  await connectDatabase(
    { uri: db.uri, dbName: config.mongodbDbName, poolSize: config.mongodbPoolSize },
    log,
  );
  const info = await databaseInfo();
  const application = await createApplication(config, log);
  const port = await application.listen();

  // Console lines for the person who typed `npm start`; structured logs carry the same facts.
  console.log(`\n  Yhteistyötila is running at ${config.publicUrl}`);
  console.log(`  Database: ${db.description} (${info.kind} ${info.version})\n`);
  log.info({ port, database: db.kind, dbKind: info.kind }, 'server started');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), config.shutdownGraceMs + 5000);
    force.unref();
    try {
      await application.close();
      await disconnectDatabase();
      await db.stop();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
