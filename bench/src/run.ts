import { API_PREFIX, PROTOCOL_VERSION, firstDayRoutes } from '@yhteistyotila/protocol';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, children, machine, sleep, startBenchDatabase, procStats } from './env.js';
import { measureInitialJs } from './web-size.js';
import { runLighthouse, type LighthouseScore } from './lighthouse.js';
import { Histogram, type SerializedHistogram } from './histogram.js';
import { EXPERTS_SCALE, EXPERTS_TARGETS, measureExperts, seedExperts } from './experts.js';
import { LIBRARY_TARGETS, measureLibrary, seedLibrary } from './library.js';
import { Fleet, phase, setDatabasePid, type PhaseResult } from './load.js';
import {
  Worker,
  fetchMetrics,
  startBareServer,
  startRealServer,
  type ServerProcess,
} from './processes.js';
import { RawClient, parseAck } from './raw-client.js';
import { handshakeFloor, sendFloor, type FloorResult } from './floor.js';
import { recordMarkdown, summaryTable, type SummaryRow } from './report.js';
import { Seeder, type BenchUser } from './seed.js';
import type { LoadResult } from './worker.js';

/**
 * `npm run bench [-- --full] [--record] [--only=broadcast,dm,idle,storm,history,flood,library,experts,web,lighthouse]`
 *
 * Baselines (bare broadcast, bare echo) and the real server run in the same invocation on the
 * same machine; targets are ratios between them. See docs/BENCHMARKS.md.
 */
const args = process.argv.slice(2);
const FULL = args.includes('--full');
const RECORD = args.includes('--record');
const ONLY = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wants = (s: string) => !ONLY || ONLY.includes(s);

const P = FULL
  ? {
      members: 1000,
      senders: 200,
      phaseMs: 30_000,
      dmPairs: 500,
      idle: 10_000,
      storm: 5000,
      historyPoints: [1000, 10_000, 100_000, 1_000_000],
      floodUsers: 200,
      libraryEntries: 1000,
      librarySamples: 200,
      expertsSamples: 200,
      soakMs: 30 * 60_000,
    }
  : {
      members: 500,
      senders: 100,
      phaseMs: 6000,
      // Enough senders that the per-person send limit does not cap the offered load.
      dmPairs: 400,
      idle: 2000,
      storm: 400,
      historyPoints: [1000, 10_000],
      floodUsers: 200,
      libraryEntries: 1000,
      librarySamples: 60,
      expertsSamples: 100,
      soakMs: 0,
    };
/** Stay under the server's message-send limit (30 per 10 s per person). */
const PACED_RATE = 2.8;
const PAD = 64;
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);

const results: Record<string, unknown> = {};
const log = (s: string) => console.log(s);

async function main() {
  const runId = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const runDir = path.join(REPO, '.data/bench', runId);
  mkdirSync(runDir, { recursive: true });
  const started = Date.now();
  const info = machine();
  const command = `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;
  log(
    `bench ${FULL ? 'full' : 'quick'} mode: ${info.cpus} CPUs (${info.cpuModel}), ${info.memoryGb} GB, commit ${info.commit}`,
  );
  const db = await startBenchDatabase(runId);
  log(`database: ${db.description}`);
  setDatabasePid(db.pid);
  const workers = Array.from({ length: WORKERS }, (_, i) => new Worker(i));
  const meta = {
    mode: FULL ? 'full' : 'quick',
    command,
    machine: info,
    database: db.kind,
    params: P,
    workers: WORKERS,
  };

  // Partial results every few seconds: a run stopped half-way still leaves its figures.
  const partialFile = path.join(REPO, 'bench/results', `${runId}-${meta.mode}.partial.json`);
  mkdirSync(path.dirname(partialFile), { recursive: true });
  const savePartial = () =>
    writeFileSync(
      partialFile,
      JSON.stringify({ ...meta, summary: summarise(results), results }, null, 2),
    );
  const saver = setInterval(savePartial, 5000);

  try {
    if (wants('web')) {
      results.web = measureInitialJs();
      log(`web: initial JavaScript ${(results.web as { kb: number }).kb} kB gzipped`);
    }
    // ---- Baselines ------------------------------------------------------------------------
    let bare = await startBareServer();
    await init(workers, bare.url);
    // Idle memory first, on a fresh process: a heap grown by earlier phases hides the cost.
    if (wants('idle')) results.bareIdle = await idle(workers, bare, Array(P.idle).fill(null));
    if (wants('broadcast') || wants('flood'))
      results.bareBroadcast = await bareBroadcast(workers, bare);
    if (wants('dm')) results.bareEcho = await bareEcho(workers, bare);
    if (wants('storm')) {
      const r = await storm(workers, bare, Array(P.storm).fill(null), null, () =>
        startBareServer(bare.port),
      );
      bare = r.server;
      results.bareStorm = r.result;
    }
    await bare.stop();

    // ---- The real server ------------------------------------------------------------------
    let real = await startRealServer({
      mongoUri: db.uri,
      dbName: db.dbName,
      postgresUrl: db.postgresUrl,
      runDir,
      // The pages for the Lighthouse row; the socket scenarios never ask for one.
      serveWeb: wants('lighthouse'),
    });
    const seeder = await Seeder.connect(db.uri, db.dbName, runId);
    const need = Math.max(P.members, 2 * P.dmPairs, P.idle, P.storm, P.floodUsers);
    let t = Date.now();
    const users = await seeder.users(need);
    const [admin] = (await seeder.users(1, 'admin')) as [BenchUser];
    log(`seeded ${need} members and an admin with real sessions in ${Date.now() - t} ms`);
    await init(workers, real.url);
    const adminClient = new RawClient({
      url: real.url,
      cookie: admin.cookie,
      auth: { protocolVersion: PROTOCOL_VERSION },
    });
    await adminClient.connect();
    const createChannel = async (name: string) => {
      const ack = parseAck(
        await adminClient.emitWithAck('channel:create', {
          name: `${name} ${runId}`,
          visibility: 'public',
        }),
      );
      if (!ack.ok) throw new Error(`channel:create failed: ${JSON.stringify(ack.error)}`);
      return (ack.data as { conversation: { id: string } }).conversation.id;
    };

    if (wants('broadcast'))
      results.broadcast = await realBroadcast(
        workers,
        real,
        users,
        await createChannel('bench broadcast'),
      );
    if (FULL && wants('soak'))
      results.soak = await soak(workers, real, users, await createChannel('bench soak'));
    if (wants('dm')) {
      results.dm = await realDm(workers, real, users);
      // Right after, on the same database and machine: the writes a send cannot do without.
      log(`send floor: raw driver, claim + message insert, ${P.dmPairs} concurrent loops`);
      const floor = await sendFloor({
        mongoUri: db.uri,
        dbName: db.dbName,
        concurrency: P.dmPairs,
        durationMs: P.phaseMs,
        databasePid: db.pid,
      });
      log(
        `  floor: ${floor.sendsPerSecond} sends/s, p50/p99 ${floor.latency.p50}/${floor.latency.p99} ms, errors ${floor.errors}, database CPU ${floor.database?.cpuAvg ?? '?'}, machine busy ${floor.machineBusyCores} cores`,
      );
      results.sendFloor = floor;
    }
    if (wants('flood'))
      results.flood = await flood(workers, real, users, await createChannel('bench flood'));
    if (wants('history'))
      results.history = await history(
        seeder,
        adminClient,
        admin,
        await createChannel('bench history'),
        db.postgresUrl,
      );
    if (wants('library')) results.library = await library(real, users[0] as BenchUser, runId);
    if (wants('experts')) results.experts = await experts(real, seeder, users.slice(0, 500), runId);
    adminClient.close();
    if (wants('lighthouse')) {
      results.lighthouse = await lighthouseRow(real, seeder, runId);
      for (const p of results.lighthouse as LighthouseScore[])
        log(
          `lighthouse ${p.name} (${p.path}): performance ${p.performance}, accessibility ${p.accessibility}, FCP ${p.fcpMs} ms, LCP ${p.lcpMs} ms, TBT ${p.tbtMs} ms, CLS ${p.cls}, ${p.transferKiB} KiB`,
        );
    }
    if (wants('idle')) {
      // A fresh process, like the bare one (same database, so the sessions stay valid).
      await real.stop();
      real = await startRealServer({
        mongoUri: db.uri,
        dbName: db.dbName,
        postgresUrl: db.postgresUrl,
        runDir,
      });
      await init(workers, real.url);
    }
    if (wants('idle'))
      results.idle = await idle(
        workers,
        real,
        users.slice(0, P.idle).map((u) => u.cookie),
      );
    if (wants('storm')) {
      t = Date.now();
      const channel = await stormChannel(real, admin, runId);
      const stormUsers = users.slice(0, P.storm);
      await seeder.members(
        channel,
        stormUsers.map((u) => u.id),
      );
      log(`  ${P.storm} members seeded into the storm channel in ${Date.now() - t} ms`);
      const r = await storm(
        workers,
        real,
        stormUsers.map((u) => u.cookie),
        channel,
        () =>
          startRealServer({
            mongoUri: db.uri,
            dbName: db.dbName,
            postgresUrl: db.postgresUrl,
            runDir,
            port: real.port,
          }),
      );
      real = r.server;
      results.storm = r.result;
      const floor = await handshakeFloor({
        mongoUri: db.uri,
        dbName: db.dbName,
        cookies: stormUsers.map((u) => u.cookie),
      });
      log(
        `  handshake floor: ${floor.clients} clients' session, person and memberships through the raw driver in ${floor.wallMs} ms (p99 ${floor.latency.p99} ms, errors ${floor.errors})`,
      );
      results.handshakeFloor = floor;
    }
    await real.stop();
    await seeder.close();
  } finally {
    clearInterval(saver);
    savePartial();
    for (const w of workers) w.kill();
    await db.stop();
  }

  const summary = summarise(results);
  const out = {
    ...meta,
    startedAt: new Date(started).toISOString(),
    durationS: Math.round((Date.now() - started) / 1000),
    summary,
    results,
  };
  const dir = path.join(REPO, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${runId}-${meta.mode}.json`);
  writeFileSync(file, JSON.stringify(out, null, 2));
  log('\n' + summaryTable(summary));
  log(`\nresults: ${path.relative(REPO, file)} (${out.durationS} s)`);
  if (RECORD) {
    recordMarkdown(out);
    log('appended to docs/benchmarks-log.md');
  }
}

async function init(workers: Worker[], url: string) {
  await Promise.all(
    workers.map((w, i) =>
      w.call({ cmd: 'close' }).then(() => w.call({ cmd: 'init', url, tag: `w${i}` })),
    ),
  );
}

const closeAll = (workers: Worker[]) => Promise.all(workers.map((w) => w.call({ cmd: 'close' })));

function brief(name: string, r: PhaseResult) {
  const sat = r.generatorSaturated ? '  [GENERATOR SATURATED: invalid]' : '';
  log(
    `  ${name}: ${r.ackedPerSecond} acked/s, ${r.deliveriesPerSecond} deliveries/s, delivery p50/p99 ${r.deliveryLatency.p50}/${r.deliveryLatency.p99} ms, ` +
      `ack p99 ${r.ackLatency.p99} ms, lost ${r.lost}, dup ${r.duplicates}, errors ${JSON.stringify(r.errors)}, server CPU ${r.server.cpuAvg}${r.database ? `, database CPU ${r.database.cpuAvg}` : ''}, generator CPU ${r.generatorCpu.join('/')}, machine busy ${r.machineBusyCores} cores, load ${r.loadAverage}${sat}`,
  );
}

// ---- Scenarios ---------------------------------------------------------------------------

async function bareBroadcast(workers: Worker[], bare: ServerProcess) {
  log(`bare broadcast: ${P.members} clients, ${P.senders} senders in a closed loop`);
  const fleet = new Fleet(workers);
  await fleet.connect(Array(P.members).fill(null));
  const senders = range(P.senders);
  const max = await phase(
    fleet,
    bare.pid,
    {
      event: 'send',
      senders,
      mode: 'closed',
      window: 1,
      ratePerSender: 0,
      durationMs: P.phaseMs,
      pad: PAD,
    },
    { verify: true },
  );
  brief('max', max);
  await closeAll(workers);
  return { max };
}

async function realBroadcast(
  workers: Worker[],
  real: ServerProcess,
  users: BenchUser[],
  channelId: string,
) {
  log(
    `channel messages: ${P.members}-member channel, ${P.senders} senders (≤ ${PACED_RATE}/s each, the send limit)`,
  );
  const fleet = new Fleet(workers);
  await fleet.connect(users.slice(0, P.members).map((u) => u.cookie));
  const joined = await fleet.emitEach('channel:join', () => ({ conversationId: channelId }));
  if (joined.codes.OK !== P.members)
    throw new Error(`channel:join: ${JSON.stringify(joined.codes)}`);
  await sleep(2000);
  const senders = range(P.senders);
  const conversations = senders.map(() => channelId);
  const max = await phase(
    fleet,
    real.pid,
    {
      event: 'message:send',
      senders,
      conversations,
      mode: 'closed',
      window: 1,
      ratePerSender: PACED_RATE,
      durationMs: P.phaseMs,
      pad: PAD,
    },
    { verify: true },
  );
  brief('max', max);
  const offeredCap = P.senders * PACED_RATE;
  const bareMax = (results.bareBroadcast as { max: PhaseResult } | undefined)?.max;
  const halfRates: [string, number][] = [];
  if (bareMax) halfRates.push(['half of bare', (bareMax.deliveriesPerSecond / P.members) * 0.5]);
  halfRates.push(['half of own max', (max.deliveriesPerSecond / P.members) * 0.5]);
  const half: Record<string, PhaseResult & { messagesPerSecond: number }> = {};
  for (const [label, rate] of halfRates) {
    const n = Math.min(P.members, Math.max(1, Math.ceil(rate / 2)));
    const s = range(n);
    const r = await phase(
      fleet,
      real.pid,
      {
        event: 'message:send',
        senders: s,
        conversations: s.map(() => channelId),
        mode: 'open',
        window: 1,
        ratePerSender: rate / n,
        durationMs: P.phaseMs,
        pad: PAD,
      },
      { verify: true, drainMs: 2000 },
    );
    brief(`${label} (${rate.toFixed(1)} msg/s)`, r);
    half[label] = { ...r, messagesPerSecond: Math.round(rate * 10) / 10 };
  }
  await closeAll(workers);
  return { max, offeredLoadBound: max.ackedPerSecond >= 0.9 * offeredCap, half };
}

/** Full mode: half of the server's own channel maximum for 30 minutes; RSS must grow < 10 %. */
async function soak(workers: Worker[], real: ServerProcess, users: BenchUser[], channelId: string) {
  const max = (results.broadcast as { max: PhaseResult } | undefined)?.max;
  const rate = max ? (max.deliveriesPerSecond / P.members) * 0.5 : 5;
  log(`soak: ${P.members}-member channel at ${rate.toFixed(1)} msg/s for ${P.soakMs / 60_000} min`);
  const fleet = new Fleet(workers);
  await fleet.connect(users.slice(0, P.members).map((u) => u.cookie));
  const joined = await fleet.emitEach('channel:join', () => ({ conversationId: channelId }));
  if (joined.codes.OK !== P.members)
    throw new Error(`channel:join: ${JSON.stringify(joined.codes)}`);
  // A warm-up minute first, so the baseline RSS is a running server's, not a fresh one's.
  const n = Math.min(P.members, Math.max(1, Math.ceil(rate / 2)));
  const s = range(n);
  const spec = {
    event: 'message:send',
    senders: s,
    conversations: s.map(() => channelId),
    mode: 'open' as const,
    window: 1,
    ratePerSender: rate / n,
    pad: PAD,
  };
  await phase(fleet, real.pid, { ...spec, durationMs: 60_000 });
  // Deliveries are counted (acked × members expected), not checked key by key: half an hour
  // of keys for every member would not fit in the generators' memory.
  const r = await phase(
    fleet,
    real.pid,
    { ...spec, durationMs: P.soakMs },
    { countOnly: true, drainMs: 5000 },
  );
  const expected = r.acked * P.members;
  const growth = r.server.rssStartMb
    ? Math.round(((r.server.rssEndMb - r.server.rssStartMb) / r.server.rssStartMb) * 1000) / 10
    : NaN;
  brief('soak', r);
  log(
    `  RSS ${r.server.rssStartMb} -> ${r.server.rssEndMb} MB (max ${r.server.rssMaxMb}): ${growth} %; delivered ${r.delivered} of ${expected} expected`,
  );
  await closeAll(workers);
  return { ...r, rssGrowthPercent: growth, expectedDeliveries: expected };
}

async function bareEcho(workers: Worker[], bare: ServerProcess) {
  log(`bare echo: ${P.dmPairs} senders in a closed loop`);
  const fleet = new Fleet(workers);
  await fleet.connect(Array(2 * P.dmPairs).fill(null));
  const senders = range(P.dmPairs).map((i) => 2 * i);
  const max = await phase(fleet, bare.pid, {
    event: 'echo',
    senders,
    mode: 'closed',
    window: 1,
    ratePerSender: 0,
    durationMs: P.phaseMs,
    pad: PAD,
  });
  brief('max', max);
  await closeAll(workers);
  return { max };
}

async function realDm(workers: Worker[], real: ServerProcess, users: BenchUser[]) {
  log(`DM sends: ${P.dmPairs} DMs, acked closed loop (≤ ${PACED_RATE}/s per person)`);
  const fleet = new Fleet(workers);
  await fleet.connect(users.slice(0, 2 * P.dmPairs).map((u) => u.cookie));
  const opened = await fleet.emitEach(
    'dm:open',
    (g) => (g % 2 === 0 ? { userIds: [users[g + 1]?.id] } : { userIds: [] }),
    10,
  );
  const senders = range(P.dmPairs).map((i) => 2 * i);
  const conversations = senders.map(
    (g) => (opened.data[g] as { conversation: { id: string } } | null)?.conversation.id ?? null,
  );
  if (conversations.some((c) => !c))
    throw new Error(`dm:open failed: ${JSON.stringify(opened.codes)}`);
  log(`  ${P.dmPairs} DMs open; sending`);
  const spec = {
    event: 'message:send',
    senders,
    conversations,
    window: 1,
    durationMs: P.phaseMs,
    pad: PAD,
  };
  const max = await phase(fleet, real.pid, { ...spec, mode: 'closed', ratePerSender: PACED_RATE });
  brief('max', max);
  // Issue 15: the ack's p99 at half the rate the server sustained, every DM sending (open loop).
  await sleep(2000);
  const rate = max.ackedPerSecond / 2;
  const r = await phase(
    fleet,
    real.pid,
    // Not verified key by key: each receiver gets only its own DM's keys, and the text again
    // in its notification; the delivery tests check DMs lose and repeat nothing.
    { ...spec, mode: 'open', ratePerSender: rate / P.dmPairs },
    { drainMs: 2000 },
  );
  brief(`half of own max (${rate.toFixed(1)} sends/s)`, r);
  const half = { 'half of own max': { ...r, messagesPerSecond: Math.round(rate * 10) / 10 } };
  await closeAll(workers);
  return { max, half, offeredLoadBound: max.ackedPerSecond >= 0.9 * P.dmPairs * PACED_RATE };
}

async function flood(
  workers: Worker[],
  real: ServerProcess,
  users: BenchUser[],
  channelId: string,
) {
  const n = P.floodUsers;
  // The calm load is half of what the server sustained in the channel scenario (scaled to this
  // channel's size), so the flooder, not an already saturated server, is what is measured.
  const max = (results.broadcast as { max: PhaseResult } | undefined)?.max;
  const rate = max ? Math.max(1, Math.round(((max.deliveriesPerSecond / n) * 0.5) / 2)) : 20;
  const talkers = Math.min(n - 1, rate);
  log(`flood: ${n}-member channel, ${talkers} people at 1 msg/s, then the same plus one flooder`);
  const fleet = new Fleet(workers);
  await fleet.connect(users.slice(0, n).map((u) => u.cookie));
  const joined = await fleet.emitEach('channel:join', () => ({ conversationId: channelId }));
  if (joined.codes.OK !== n) throw new Error(`channel:join: ${JSON.stringify(joined.codes)}`);
  await sleep(1000);
  const senders = range(talkers);
  const spec = {
    event: 'message:send',
    senders,
    conversations: senders.map(() => channelId),
    mode: 'open' as const,
    window: 1,
    ratePerSender: 1,
    durationMs: P.phaseMs,
    pad: PAD,
  };
  const calm = await phase(fleet, real.pid, spec, { verify: true, drainMs: 2000 });
  brief('without flooder', calm);
  // The flooder runs in a process of its own: sharing a worker with the measured clients would
  // charge its client-side cost to their latency.
  const floodWorker = new Worker(WORKERS);
  await floodWorker.call({ cmd: 'init', url: real.url, tag: 'flood' });
  await floodWorker.call({ cmd: 'connect', cookies: [users[n - 1]?.cookie], concurrency: 1 });
  const flooderRun = floodWorker.call<LoadResult>({
    cmd: 'load',
    spec: {
      ...spec,
      senders: [],
      conversations: [channelId],
      flooders: [0],
      floodWindow: 20,
    },
  });
  const flooded = await phase(fleet, real.pid, spec, { verify: true, drainMs: 2000 });
  const flooder = (await flooderRun).flood;
  floodWorker.kill();
  brief('with flooder', flooded);
  log(
    `  flooder: ${flooder.sent} sent, ${flooder.acked} accepted, ${flooder.reconnects} reconnects after being closed, ${JSON.stringify(flooder.errors)}`,
  );
  await closeAll(workers);
  return {
    calm,
    flooded,
    flooder,
    p99Ratio: ratio(flooded.deliveryLatency.p99, calm.deliveryLatency.p99),
  };
}

/**
 * Lighthouse's mobile profile on the landing page, the join form and a signed-in conversation
 * (200 messages, one author), on the real server serving the built web app, at its PUBLIC_URL
 * (the socket's origin check wants that name). docs/BENCHMARKS.md, web targets.
 */
async function lighthouseRow(
  server: ServerProcess,
  seeder: Seeder,
  runId: string,
): Promise<LighthouseScore[]> {
  const [person] = (await seeder.users(1)) as [BenchUser];
  const client = new RawClient({
    url: server.url,
    cookie: person.cookie,
    auth: { protocolVersion: PROTOCOL_VERSION },
  });
  await client.connect();
  const ack = parseAck(
    await client.emitWithAck('channel:create', {
      name: `lighthouse ${runId}`,
      visibility: 'private',
    }),
  );
  client.close();
  if (!ack.ok) throw new Error(`channel:create failed: ${JSON.stringify(ack.error)}`);
  const channel = (ack.data as { conversation: { id: string } }).conversation.id;
  await seeder.messages(channel, person.id, 200);
  const baseUrl = `http://localhost:${server.port}`;
  return runLighthouse(baseUrl, [
    { name: 'landing page', path: '/' },
    { name: 'join form', path: '/liity' },
    // A new member's first visit shows the welcome dialog over the conversation; every visit
    // after it (the evening's usual case) shows the conversation alone.
    {
      name: 'signed-in conversation (first visit)',
      path: `/c/${channel}`,
      cookie: person.cookie,
    },
    {
      name: 'signed-in conversation',
      path: `/c/${channel}`,
      cookie: person.cookie,
      before: () => dismissWelcome(baseUrl, person.cookie),
    },
  ]);
}

/** The person closes their welcome dialog, through the server as the app does. */
async function dismissWelcome(baseUrl: string, cookie: string): Promise<void> {
  const res = await fetch(`${baseUrl}${API_PREFIX}${firstDayRoutes.dismissWelcome.path}`, {
    method: 'POST',
    headers: { cookie, origin: baseUrl },
  });
  if (!res.ok) throw new Error(`dismissing the welcome failed: ${res.status}`);
}

async function history(
  seeder: Seeder,
  admin: RawClient,
  adminUser: BenchUser,
  channelId: string,
  postgresUrl: string | undefined,
) {
  log(`history: a page of 50 at ${P.historyPoints.join(', ')} stored messages`);
  const points: {
    stored: number;
    newest: ReturnType<Histogram['summary']> & { failed?: string };
    middle: ReturnType<Histogram['summary']> & { failed?: string };
    seedS: number;
  }[] = [];
  for (const stored of P.historyPoints) {
    const t = Date.now();
    let lastLog = Date.now();
    await seeder.messages(channelId, adminUser.id, stored, (k) => {
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        log(`  seeding ${k}/${stored}`);
      }
    });
    const seedS = Math.round((Date.now() - t) / 100) / 10;
    // A bulk load is followed by ANALYZE (PostgreSQL's advice; autovacuum does it for a table
    // that grows by use, at every tenth of growth). Without it the planner still believed the
    // table small and chose a parallel scan for one block of 128 messages: 143 ms, not 0.7 ms.
    if (postgresUrl) execFileSync('psql', [postgresUrl, '-qc', 'ANALYZE'], { stdio: 'pipe' });
    // FerretDB sorts a whole channel in its own process, so big sizes take long: fewer samples.
    const samples = stored >= 100_000 ? 3 : stored >= 10_000 ? 10 : 20;
    const time = async (payload: object) => {
      const h = new Histogram();
      for (let i = 0; i < samples; i += 1) {
        const t0 = performance.now();
        const ack = parseAck(
          await admin.emitWithAck(
            'message:history',
            { conversationId: channelId, limit: 50, ...payload },
            15 * 60_000,
          ),
        );
        // A failure is a result (the curve as measured), recorded, not the end of the run.
        if (!ack.ok)
          return {
            ...h.summary(),
            failed: `${ack.error?.code ?? 'UNKNOWN'} after ${Math.round(performance.now() - t0)} ms`,
          };
        h.record(performance.now() - t0);
      }
      return h.summary();
    };
    const newest = await time({});
    const middle = await time({ before: Math.floor(stored / 2) });
    const show = (x: typeof newest) =>
      'failed' in x ? `FAILED (${x.failed})` : `p50 ${x.p50} ms (p95 ${x.p95})`;
    log(`  ${stored} stored: newest page ${show(newest)}, middle page ${show(middle)}`);
    points.push({ stored, newest, middle, seedS });
  }
  const small = points[0] as (typeof points)[0];
  // The ratio is over the largest size that answered; a failed size is in `points`.
  const answered = points.filter((p) => !p.newest.failed && !p.middle.failed);
  const big = (answered[answered.length - 1] ?? small) as (typeof points)[0];
  return {
    points,
    newestRatio: ratio(big.newest.p50, small.newest.p50),
    middleRatio: ratio(big.middle.p50, small.middle.p50),
  };
}

async function library(real: ServerProcess, member: BenchUser, runId: string) {
  log(`library: ${P.libraryEntries} published entries, facet browse and search as a member`);
  const seeded = await seedLibrary(P.libraryEntries, runId);
  log(`  ${P.libraryEntries} entries seeded in ${seeded.seconds} s`);
  const client = new RawClient({
    url: real.url,
    cookie: member.cookie,
    auth: { protocolVersion: PROTOCOL_VERSION },
  });
  await client.connect();
  const r = await measureLibrary(client, P.librarySamples, log);
  client.close();
  log(
    `  browse p50/p95 ${r.browse.p50}/${r.browse.p95} ms, search p50/p95 ${r.search.p50}/${r.search.p95} ms (${P.librarySamples} each; failures ${JSON.stringify({ ...r.browse.failures, ...r.search.failures })}; machine busy ${r.machineBusyCores} cores, load ${r.loadAverage})`,
  );
  return { entries: P.libraryEntries, seedS: seeded.seconds, ...r };
}

async function experts(real: ServerProcess, seeder: Seeder, askers: BenchUser[], runId: string) {
  log(
    `experts: ${EXPERTS_SCALE.questions} questions (${EXPERTS_SCALE.openShare * 100} % open), ${EXPERTS_SCALE.experts} experts, ${EXPERTS_SCALE.meetings} meetings; an expert's queue and a member's panel`,
  );
  const people = await seeder.users(EXPERTS_SCALE.experts);
  const seeded = await seedExperts(people, askers, runId);
  log(`  seeded in ${seeded.seconds} s`);
  const connect = async (user: BenchUser) => {
    const client = new RawClient({
      url: real.url,
      cookie: user.cookie,
      auth: { protocolVersion: PROTOCOL_VERSION },
    });
    await client.connect();
    return client;
  };
  const [expert, member] = await Promise.all([
    connect(people[0] as BenchUser),
    connect(askers[0] as BenchUser),
  ]);
  const r = await measureExperts(expert, member, P.expertsSamples, log);
  expert.close();
  member.close();
  log(
    `  queue p50/p95 ${r.queue.p50}/${r.queue.p95} ms (${r.queue.items} shown), panel p50/p95 ${r.panel.p50}/${r.panel.p95} ms (${r.panel.items} experts), stats p50/p95 ${r.stats.p50}/${r.stats.p95} ms (queue and panel ${P.expertsSamples} each, statistics ${r.stats.count}; failures ${JSON.stringify({ ...r.queue.failures, ...r.panel.failures, ...r.stats.failures })}; machine busy ${r.machineBusyCores} cores, load ${r.loadAverage})`,
  );
  return { ...EXPERTS_SCALE, seedS: seeded.seconds, ...r };
}

async function idle(workers: Worker[], server: ServerProcess, cookies: (string | null)[]) {
  log(
    `idle connections: ${cookies.length} on ${server.pid === undefined ? '?' : 'pid ' + server.pid}`,
  );
  const fleet = new Fleet(workers);
  // A few connections first so lazily allocated per-server structures are not counted per connection.
  await fleet.connect(cookies.slice(0, 20));
  await sleep(2000);
  const before = procStats(server.pid)?.rssMb ?? 0;
  const heapBefore = await heapOf(server);
  const connect = await fleet.connect(cookies.slice(20), 100);
  await sleep(Number(process.env.BENCH_IDLE_SETTLE_MS ?? 3000));
  const after = procStats(server.pid)?.rssMb ?? 0;
  const heapAfter = await heapOf(server);
  if (heapAfter.heapUsedMb !== null)
    log(`  V8 heap before: ${JSON.stringify(heapBefore)}, after: ${JSON.stringify(heapAfter)}`);
  // With BENCH_SERVER_NODE_OPTIONS=--heapsnapshot-signal=SIGUSR2: a snapshot of the server
  // holding every idle connection (written to its working directory), for the per-connection cost.
  if (process.env.BENCH_HEAP_SNAPSHOT) {
    process.kill(server.pid, 'SIGUSR2');
    await sleep(15_000);
  }
  const n = cookies.length - 20;
  const perConnectionKb = Math.round(((after - before) * 1024) / n);
  log(
    `  RSS ${before.toFixed(0)} -> ${after.toFixed(0)} MB: ${perConnectionKb} KB per connection, connected in ${connect.ms} ms (${connect.failed} failed)`,
  );
  await closeAll(workers);
  await sleep(1000);
  return {
    connections: n,
    rssBeforeMb: before,
    rssAfterMb: after,
    perConnectionKb,
    connectMs: connect.ms,
    failed: connect.failed,
    heapBefore,
    heapAfter,
  };
}

/** The real server's V8 heap figures (its /metrics); nulls for the bare server. */
async function heapOf(server: ServerProcess) {
  const metrics = await fetchMetrics(server);
  const mb = (name: string) => {
    const m = new RegExp(`^${name}\\s+([\\d.e+]+)`, 'm').exec(metrics);
    return m ? Math.round(Number(m[1]) / 1e6) : null;
  };
  return {
    heapTotalMb: mb('nodejs_heap_size_total_bytes'),
    heapUsedMb: mb('nodejs_heap_size_used_bytes'),
    externalMb: mb('nodejs_external_memory_bytes'),
  };
}

/** A channel for the reconnect storm, with messages the clients must catch up on. */
async function stormChannel(real: ServerProcess, admin: BenchUser, runId: string) {
  const c = new RawClient({
    url: real.url,
    cookie: admin.cookie,
    auth: { protocolVersion: PROTOCOL_VERSION },
  });
  await c.connect();
  const ack = parseAck(
    await c.emitWithAck('channel:create', { name: `bench storm ${runId}`, visibility: 'public' }),
  );
  c.close();
  if (!ack.ok) throw new Error('channel:create failed');
  return (ack.data as { conversation: { id: string } }).conversation.id;
}

async function storm(
  workers: Worker[],
  server: ServerProcess,
  cookies: (string | null)[],
  channelId: string | null,
  restart: () => Promise<ServerProcess>,
) {
  const kind = channelId ? 'real' : 'bare';
  log(
    `reconnect storm (${kind}): ${cookies.length} clients, server killed (SIGKILL) mid-burst and restarted`,
  );
  const fleet = new Fleet(workers);
  await fleet.connect(cookies, 100);
  let keys: string[] = [];
  await Promise.all(workers.map((w) => w.call({ cmd: 'reset' })));
  await Promise.all(workers.map((w) => w.call({ cmd: 'arm', conversationId: channelId })));
  if (channelId) {
    // A burst; the server is killed as soon as it is acknowledged, before every delivery is out.
    const senders = range(20);
    const burst = await fleet.load({
      event: 'message:send',
      senders,
      conversations: senders.map(() => channelId),
      mode: 'closed',
      window: 1,
      ratePerSender: 0,
      durationMs: 1000,
      pad: PAD,
    });
    keys = burst.flatMap((r) => r.ackedKeys);
  }
  await server.stop('SIGKILL');
  const restarted = await restart();
  // From the moment the port opened, not from the ready answer: the real server's ready check
  // pings the database, and in a storm it answered after most clients had caught up (p50 0 ms).
  const t0 = restarted.listeningAt;
  const lag0 = await eventLoopP99(restarted);
  const caught = await Promise.all(
    workers.map((w) =>
      w.call<{
        done: number;
        notDone: number;
        times: SerializedHistogram;
        stats: {
          attempts: number;
          failures: Record<string, number>;
          connectMs: number;
          syncMs: number;
          syncPages: number;
        };
      }>({
        cmd: 'awaitCaughtUp',
        t0,
        timeoutMs: 120_000,
      }),
    ),
  );
  const times = Histogram.merge(caught.map((c) => c.times)).summary();
  const lagP99Ms = await eventLoopP99(restarted);
  const verified = channelId
    ? (
        await Promise.all(
          workers.map((w) =>
            w.call<{ lost: number; duplicates: number }>({ cmd: 'verify', keys, receivers: 'all' }),
          ),
        )
      ).reduce((n, v) => n + v.lost, 0)
    : 0;
  const notDone = caught.reduce((n, c) => n + c.notDone, 0);
  const clients = cookies.length;
  const sum = (f: (c: (typeof caught)[number]) => number) => caught.reduce((n, c) => n + f(c), 0);
  const failures: Record<string, number> = {};
  for (const c of caught)
    for (const [k, v] of Object.entries(c.stats.failures)) failures[k] = (failures[k] ?? 0) + v;
  const where = {
    attemptsPerClient: Math.round((sum((c) => c.stats.attempts) / clients) * 10) / 10,
    connectMsPerClient: Math.round(sum((c) => c.stats.connectMs) / clients),
    syncMsPerClient: Math.round(sum((c) => c.stats.syncMs) / clients),
    syncPagesPerClient: Math.round((sum((c) => c.stats.syncPages) / clients) * 10) / 10,
    failures,
  };
  log(`  where the time went (per client): ${JSON.stringify(where)}`);
  log(
    `  all caught up after ${times.max} ms (p50 ${times.p50}, p99 ${times.p99}); ${notDone} not back; ${keys.length} burst messages acked, ${verified} missing after catch-up; event-loop lag p99 ${lagP99Ms} ms (start-up ${lag0} ms)`,
  );
  await closeAll(workers);
  return {
    server: restarted,
    result: {
      clients: cookies.length,
      caughtUpMs: times,
      notDone,
      burstAcked: keys.length,
      missingAfterCatchUp: verified,
      eventLoopP99Ms: lagP99Ms,
      where,
    },
  };
}

/** Event-loop lag p99 since the last call (the real server's /metrics, the bare one's /stats). */
async function eventLoopP99(server: ServerProcess): Promise<number> {
  const metrics = await fetchMetrics(server);
  const m = /^nodejs_eventloop_lag_p99_seconds\s+([\d.e+-]+)/m.exec(metrics);
  if (m) return Math.round(Number(m[1]) * 1000 * 10) / 10;
  const stats = (await fetch(`${server.url}/stats`)
    .then((r) => r.json())
    .catch(() => ({}))) as { eventLoopP99Ms?: number };
  return Math.round((stats.eventLoopP99Ms ?? NaN) * 10) / 10;
}

// ---- Summary -----------------------------------------------------------------------------

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 100) / 100 : NaN);

function summarise(r: Record<string, unknown>): SummaryRow[] {
  const rows: SummaryRow[] = [];
  type B = { max: PhaseResult; half?: Record<string, PhaseResult>; offeredLoadBound?: boolean };
  const invalid = (...ps: (PhaseResult | undefined)[]) =>
    (ps.some((p) => p?.generatorSaturated) ? 'INVALID: generator saturated. ' : '') +
    (ps.some((p) => p && p.loadAverage > 2 * machine().cpus)
      ? `NOISY: load average ${ps.map((p) => p?.loadAverage).join('/')} on ${machine().cpus} CPUs. `
      : '');
  const bb = r.bareBroadcast as B | undefined;
  const b = r.broadcast as B | undefined;
  if (bb && b) {
    const x = ratio(b.max.deliveriesPerSecond, bb.max.deliveriesPerSecond);
    rows.push({
      scenario: `channel messages, ${P.members} members`,
      target: '≥ 0.75× bare broadcast deliveries/s, 0 lost, 0 dup',
      measured: `${b.max.deliveriesPerSecond} vs ${bb.max.deliveriesPerSecond} deliveries/s; lost ${b.max.lost}, dup ${b.max.duplicates}`,
      ratio: x,
      met: x >= 0.75 && b.max.lost === 0 && b.max.duplicates === 0,
      note: `${invalid(b.max, bb.max)}${b.offeredLoadBound ? 'offered-load bound (more senders needed). ' : ''}server CPU ${b.max.server.cpuAvg} vs bare ${bb.max.server.cpuAvg}${b.max.database ? `, database CPU ${b.max.database.cpuAvg}` : ''}`,
    });
    for (const [label, h] of Object.entries(b.half ?? {})) {
      rows.push({
        scenario: `channel messages at ${label} (${(h as PhaseResult & { messagesPerSecond: number }).messagesPerSecond} msg/s)`,
        target: 'p99 ≤ 100 ms, 0 lost, 0 dup',
        measured: `p50 ${h.deliveryLatency.p50} / p95 ${h.deliveryLatency.p95} / p99 ${h.deliveryLatency.p99} / max ${h.deliveryLatency.max} ms; lost ${h.lost}, dup ${h.duplicates}`,
        ratio: null,
        met: h.deliveryLatency.p99 <= 100 && h.lost === 0 && h.duplicates === 0,
        note: `${invalid(h)}server CPU ${h.server.cpuAvg}`,
      });
    }
  }
  const be = r.bareEcho as B | undefined;
  const dm = r.dm as B | undefined;
  if (be && dm) {
    const x = ratio(dm.max.ackedPerSecond, be.max.ackedPerSecond);
    rows.push({
      scenario: `acked DM sends, ${P.dmPairs} DMs`,
      target: '≥ 0.35× bare echo',
      measured: `${dm.max.ackedPerSecond} vs ${be.max.ackedPerSecond} acks/s; ack p99 ${dm.max.ackLatency.p99} ms`,
      ratio: x,
      met: x >= 0.35,
      note: `${invalid(dm.max, be.max)}${dm.offeredLoadBound ? 'offered-load bound (more DMs needed). ' : ''}server CPU ${dm.max.server.cpuAvg} vs bare ${be.max.server.cpuAvg}${dm.max.database ? `, database CPU ${dm.max.database.cpuAvg}` : ''}; errors ${JSON.stringify(dm.max.errors)}`,
    });
  }
  const dmHalf = dm?.half?.['half of own max'] as
    (PhaseResult & { messagesPerSecond: number }) | undefined;
  if (dmHalf)
    rows.push({
      scenario: `acked DM sends at half the server's own max, open loop, ${P.dmPairs} DMs`,
      target: 'ack p99 < 250 ms, every send acked',
      measured: `${dmHalf.messagesPerSecond} sends/s offered, ${dmHalf.ackedPerSecond} acked/s; ack p99 ${dmHalf.ackLatency.p99} ms; errors ${JSON.stringify(dmHalf.errors)}`,
      ratio: null,
      met: dmHalf.ackLatency.p99 < 250 && Object.keys(dmHalf.errors).length === 0,
      note: `${invalid(dmHalf)}server CPU ${dmHalf.server.cpuAvg}`,
    });
  const floor = r.sendFloor as FloorResult | undefined;
  if (dm && floor) {
    const x = ratio(dm.max.ackedPerSecond, floor.sendsPerSecond);
    rows.push({
      scenario: `acked DM sends vs the database floor, ${P.dmPairs} concurrent`,
      target: '≥ 0.5× the floor (claim + insert, raw driver)',
      measured: `${dm.max.ackedPerSecond} vs ${floor.sendsPerSecond} sends/s; floor p99 ${floor.latency.p99} ms`,
      ratio: x,
      met: x >= 0.5,
      note: `floor database CPU ${floor.database?.cpuAvg ?? '?'}; floor errors ${floor.errors}`,
    });
  }
  type I = { perConnectionKb: number; connections: number; failed: number };
  const bi = r.bareIdle as I | undefined;
  const ri = r.idle as I | undefined;
  if (bi && ri) {
    const x = ratio(ri.perConnectionKb, bi.perConnectionKb);
    rows.push({
      scenario: `${ri.connections} idle authenticated connections`,
      target: '≤ 1.5× bare memory per connection',
      measured: `${ri.perConnectionKb} vs ${bi.perConnectionKb} KB per connection`,
      ratio: x,
      met: x <= 1.5 && ri.failed === 0,
      note: ri.failed ? `${ri.failed} failed to connect` : '',
    });
  }
  type S = {
    caughtUpMs: { max: number };
    notDone: number;
    missingAfterCatchUp: number;
    eventLoopP99Ms: number;
    clients: number;
    burstAcked: number;
  };
  const bs = r.bareStorm as S | undefined;
  const rs = r.storm as S | undefined;
  const hf = r.handshakeFloor as { wallMs: number } | undefined;
  if (bs && rs) {
    // Issue 15: ≤ 3× bare, or ≤ 1.5× the handshake's own database floor where that is larger.
    const bareBound = 3 * bs.caughtUpMs.max;
    const floorBound = hf ? 1.5 * hf.wallMs : 0;
    const x = ratio(rs.caughtUpMs.max, bs.caughtUpMs.max);
    rows.push({
      scenario: `${rs.clients} clients reconnect after SIGKILL + restart`,
      target:
        '≤ 3× bare connect time (or ≤ 1.5× the handshake database floor, if larger), nothing lost, event-loop lag p99 < 200 ms',
      measured: `${rs.caughtUpMs.max} vs ${bs.caughtUpMs.max} ms bare${hf ? `, ${hf.wallMs} ms handshake floor` : ''}; ${rs.missingAfterCatchUp} of ${rs.burstAcked}×${rs.clients} missing; lag p99 ${rs.eventLoopP99Ms} ms`,
      ratio: x,
      met:
        rs.caughtUpMs.max <= Math.max(bareBound, floorBound) &&
        rs.notDone === 0 &&
        rs.missingAfterCatchUp === 0 &&
        rs.eventLoopP99Ms < 200,
      note: rs.notDone ? `${rs.notDone} clients not back` : '',
    });
  }
  const soakR = r.soak as
    (PhaseResult & { rssGrowthPercent: number; expectedDeliveries: number }) | undefined;
  if (soakR) {
    rows.push({
      scenario: `soak ${P.soakMs / 60_000} min at half load`,
      target: 'RSS growth < 10 %, every delivery made',
      measured: `RSS ${soakR.server.rssStartMb} -> ${soakR.server.rssEndMb} MB (${soakR.rssGrowthPercent} %); p99 ${soakR.deliveryLatency.p99} ms; delivered ${soakR.delivered} of ${soakR.expectedDeliveries} (counted, not checked key by key)`,
      ratio: null,
      met: soakR.rssGrowthPercent < 10 && soakR.delivered === soakR.expectedDeliveries,
      note: invalid(soakR),
    });
  }
  const h = r.history as
    | {
        points: {
          stored: number;
          newest: { p50: number; failed?: string };
          middle: { p50: number; failed?: string };
        }[];
        newestRatio: number;
        middleRatio: number;
      }
    | undefined;
  if (h) {
    rows.push({
      scenario: `history page of 50 at ${h.points.map((p) => p.stored).join(' vs ')} messages`,
      target: 'as fast at the large size (MongoDB); FerretDB: report the curve',
      measured: h.points
        .map((p) =>
          p.newest.failed || p.middle.failed
            ? `${p.stored}: FAILED (${p.newest.failed ?? p.middle.failed})`
            : `${p.stored}: newest ${p.newest.p50} ms, middle ${p.middle.p50} ms`,
        )
        .join('; '),
      ratio: h.newestRatio,
      met: null,
      note: `middle-page ratio ${h.middleRatio}`,
    });
  }
  const f = r.flood as
    | { calm: PhaseResult; flooded: PhaseResult; flooder: LoadResult['flood']; p99Ratio: number }
    | undefined;
  if (f) {
    rows.push({
      scenario: `one flooder among ${f.calm.sent ? Math.round(f.calm.sent / (f.calm.wallMs / 1000)) : '?'} msg/s of calm talk`,
      target: 'flooder RATE_LIMITED, others p99 ≤ 1.2×',
      measured: `p99 ${f.flooded.deliveryLatency.p99} vs ${f.calm.deliveryLatency.p99} ms; flooder ${f.flooder.acked}/${f.flooder.sent} accepted, ${f.flooder.errors.RATE_LIMITED ?? 0} RATE_LIMITED, closed and back ${f.flooder.reconnects}×`,
      ratio: f.p99Ratio,
      met: f.p99Ratio <= 1.2 && (f.flooder.errors.RATE_LIMITED ?? 0) > 0,
      note: invalid(f.calm, f.flooded),
    });
  }
  for (const p of (r.lighthouse as LighthouseScore[] | undefined) ?? []) {
    const signedIn = p.path.startsWith('/c/');
    const perfTarget = signedIn ? 0.8 : 0.9;
    const lcpOk = signedIn || p.lcpMs <= 2500;
    const bytesOk = p.path !== '/' || p.transferKiB <= 150;
    rows.push({
      scenario: `web: Lighthouse mobile, ${p.name} (${p.path.startsWith('/c/') ? '/c/…' : p.path})`,
      target: `performance ≥ ${perfTarget}${signedIn ? '' : ', LCP ≤ 2.5 s'}${p.path === '/' ? ', ≤ 150 KiB' : ''}, accessibility 1`,
      measured: `performance ${p.performance}, accessibility ${p.accessibility}, FCP ${(p.fcpMs / 1000).toFixed(1)} s, LCP ${(p.lcpMs / 1000).toFixed(1)} s, ${p.transferKiB} KiB`,
      ratio: Math.round((p.performance / perfTarget) * 100) / 100,
      met: p.performance >= perfTarget && lcpOk && bytesOk && p.accessibility === 1,
      note: '',
    });
  }
  const lib = r.library as
    | {
        entries: number;
        browse: { p95: number; failures: Record<string, number> };
        search: { p95: number; failures: Record<string, number> };
        loadAverage: number;
      }
    | undefined;
  if (lib) {
    const failed = Object.keys({ ...lib.browse.failures, ...lib.search.failures }).length > 0;
    const noisy =
      lib.loadAverage > 2 * machine().cpus
        ? `NOISY: load average ${lib.loadAverage} on ${machine().cpus} CPUs. `
        : '';
    rows.push({
      scenario: `library of ${lib.entries} entries: facet browse, search`,
      target: `p95 ≤ ${LIBRARY_TARGETS.browseP95Ms} ms, ≤ ${LIBRARY_TARGETS.searchP95Ms} ms`,
      measured: `browse p95 ${lib.browse.p95} ms, search p95 ${lib.search.p95} ms`,
      ratio: ratio(lib.browse.p95, LIBRARY_TARGETS.browseP95Ms),
      met:
        !failed &&
        lib.browse.p95 <= LIBRARY_TARGETS.browseP95Ms &&
        lib.search.p95 <= LIBRARY_TARGETS.searchP95Ms,
      note: `${noisy}${failed ? 'some queries failed' : ''}; search ratio ${ratio(lib.search.p95, LIBRARY_TARGETS.searchP95Ms)}`,
    });
  }
  const ex = r.experts as
    | {
        questions: number;
        experts: number;
        queue: { p95: number; items: number; failures: Record<string, number> };
        panel: { p95: number; items: number; failures: Record<string, number> };
        stats: { p95: number };
        loadAverage: number;
      }
    | undefined;
  if (ex) {
    const failed = Object.keys({ ...ex.queue.failures, ...ex.panel.failures }).length > 0;
    const noisy =
      ex.loadAverage > 2 * machine().cpus
        ? `NOISY: load average ${ex.loadAverage} on ${machine().cpus} CPUs. `
        : '';
    rows.push({
      scenario: `experts: ${ex.questions} questions, ${ex.experts} experts: the queue, the panel`,
      target: `p95 ≤ ${EXPERTS_TARGETS.queueP95Ms} ms, ≤ ${EXPERTS_TARGETS.panelP95Ms} ms`,
      measured: `queue p95 ${ex.queue.p95} ms (${ex.queue.items} shown), panel p95 ${ex.panel.p95} ms (${ex.panel.items} experts)`,
      ratio: ratio(ex.queue.p95, EXPERTS_TARGETS.queueP95Ms),
      met:
        !failed &&
        ex.queue.p95 <= EXPERTS_TARGETS.queueP95Ms &&
        ex.panel.p95 <= EXPERTS_TARGETS.panelP95Ms,
      note: `${noisy}${failed ? 'some calls failed; ' : ''}panel ratio ${ratio(ex.panel.p95, EXPERTS_TARGETS.panelP95Ms)}; statistics p95 ${ex.stats.p95} ms (no target)`,
    });
  }
  const web = r.web as ReturnType<typeof measureInitialJs> | undefined;
  if (web) {
    rows.push({
      scenario: 'web: initial JavaScript (gzip -9)',
      target: '≤ 250 kB',
      measured: `${web.kb} kB in ${web.files.length} files`,
      ratio: Math.round((web.kb / 250) * 100) / 100,
      met: web.kb <= 250,
      note: '',
    });
  }
  return rows;
}

const stopChildren = () => {
  for (const child of children) child.kill('SIGKILL');
};

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(
      `\n${signal}: stopping the bench's processes (partial results are in bench/results/)`,
    );
    stopChildren();
    process.exit(130);
  });
}

main().catch((err: unknown) => {
  console.error(err);
  // A failed run leaves no server behind to load the next one.
  stopChildren();
  process.exit(1);
});
