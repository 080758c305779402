import { afterAll, beforeAll } from 'vitest';
import {
  startCluster,
  startRedis,
  type Cluster,
  type Redis,
} from '../features/conversations/multi-process.js';
import { startTestServer, type TestServer } from './harness.js';

/**
 * The multi-process fixtures: two servers on one Redis and one database, so the Socket.IO
 * adapter carries rooms and broadcasts between them. Start in beforeAll, stop in afterAll.
 */

/**
 * Two servers in this process (each its own Socket.IO and adapter) on a private Redis, started
 * before the tests of the file (or describe) that calls this and stopped after them.
 */
export function useTwoServersOnRedis(): { readonly a: TestServer; readonly b: TestServer } {
  let redis: Redis | undefined;
  let a: TestServer | undefined, b: TestServer | undefined;
  beforeAll(async () => {
    redis = await startRedis();
    a = await startTestServer({ REDIS_URL: redis.url });
    b = await startTestServer({ REDIS_URL: redis.url });
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await redis?.stop();
  });
  return {
    get a() {
      if (!a) throw new Error('servers not started (call useTwoServersOnRedis at collection)');
      return a;
    },
    get b() {
      if (!b) throw new Error('servers not started (call useTwoServersOnRedis at collection)');
      return b;
    },
  };
}

/** Two real server processes (the built dist/main.js) on the Redis that `start` gives. */
async function startProcessCluster<R extends Redis>(start: () => Promise<R>) {
  const redis = await start();
  try {
    const cluster = await startCluster(redis.url);
    const { server, nodeA, nodeB } = cluster;
    const connect = (url: string, user: { cookie: string }) => cluster.connect(url, user);
    return { redis, cluster, server, nodeA, nodeB, connect };
  } catch (err) {
    await redis.stop();
    throw err;
  }
}
type ProcessCluster<R extends Redis> = Awaited<ReturnType<typeof startProcessCluster<R>>>;

async function stopProcessCluster(nodes?: { cluster: Cluster; redis: Redis }) {
  await nodes?.cluster.stop();
  await nodes?.redis.stop();
}

/**
 * Two real server processes on the Redis that `start` gives, started before the tests of the
 * file that calls this and stopped after them; read its fields inside the tests.
 */
export function useProcessCluster<R extends Redis>(start: () => Promise<R>): ProcessCluster<R> {
  let nodes: ProcessCluster<R> | undefined;
  beforeAll(async () => {
    nodes = await startProcessCluster(start);
  }, 120_000);
  afterAll(() => stopProcessCluster(nodes), 60_000);
  const started = () => {
    if (!nodes) throw new Error('processes not started (call useProcessCluster at collection)');
    return nodes;
  };
  return {
    get redis() {
      return started().redis;
    },
    get cluster() {
      return started().cluster;
    },
    get server() {
      return started().server;
    },
    get nodeA() {
      return started().nodeA;
    },
    get nodeB() {
      return started().nodeB;
    },
    get connect() {
      return started().connect;
    },
  };
}
