import { Histogram, type LatencySummary, type SerializedHistogram } from './histogram.js';
import type { Worker } from './processes.js';
import type { LoadResult, LoadSpec } from './worker.js';
import { ProcSampler, busyCores, machineCpu, sleep } from './env.js';
import os from 'node:os';

/** A set of clients spread over the workers, addressed by global index. */
export class Fleet {
  /** For each global index: [worker, local index]. */
  readonly slots: [Worker, number][] = [];

  constructor(readonly workers: Worker[]) {}

  /** Connects one client per cookie (null = no cookie), round-robin over the workers. */
  async connect(cookies: (string | null)[], concurrency = 50) {
    const perWorker = this.workers.map(() => [] as (string | null)[]);
    const order: [number, number][] = [];
    cookies.forEach((c, i) => {
      const w = i % this.workers.length;
      order.push([w, (perWorker[w] as (string | null)[]).length]);
      (perWorker[w] as (string | null)[]).push(c);
    });
    const started = Date.now();
    const results = await Promise.all(
      this.workers.map((w, i) =>
        w.call<{ first: number; connected: number; failed: number; errors: string[] }>({
          cmd: 'connect',
          cookies: perWorker[i],
          concurrency,
        }),
      ),
    );
    for (const [w, local] of order)
      this.slots.push([this.workers[w] as Worker, (results[w]?.first ?? 0) + local]);
    const failed = results.reduce((n, r) => n + r.failed, 0);
    if (failed)
      console.warn(
        `  ${failed} connections failed: ${results.flatMap((r) => r.errors).join('; ')}`,
      );
    return { ms: Date.now() - started, failed };
  }

  /** Every client of the fleet (in global order) emits its payload with an ack. */
  async emitEach(event: string, payloadFor: (globalIndex: number) => unknown, concurrency = 20) {
    const byWorker = new Map<Worker, { locals: number[]; globals: number[] }>();
    this.slots.forEach(([w, local], g) => {
      const entry = byWorker.get(w) ?? { locals: [], globals: [] };
      entry.locals.push(local);
      entry.globals.push(g);
      byWorker.set(w, entry);
    });
    const data: unknown[] = [];
    const codes: Record<string, number> = {};
    await Promise.all(
      [...byWorker].map(async ([w, { locals, globals }]) => {
        const targets = locals.map((l, k) => [l, payloadFor(globals[k] as number)]);
        const r = await w.call<{ codes: Record<string, number>; data: unknown[] }>({
          cmd: 'emitEach',
          event,
          targets,
          concurrency,
        });
        globals.forEach((g, k) => (data[g] = r.data[k]));
        for (const [c, n] of Object.entries(r.codes)) codes[c] = (codes[c] ?? 0) + n;
      }),
    );
    return { codes, data };
  }

  /** Runs a load phase: `senders` are global indexes; conversations per sender (same order). */
  async load(
    spec: Omit<LoadSpec, 'senders' | 'conversations' | 'flooders'> & {
      senders: number[];
      conversations?: (string | null)[];
      flooders?: number[];
    },
  ) {
    const per = new Map<
      Worker,
      { senders: number[]; conversations: (string | null)[]; flooders: number[] }
    >();
    for (const w of this.workers) per.set(w, { senders: [], conversations: [], flooders: [] });
    for (const g of spec.flooders ?? []) {
      const [w, local] = this.slots[g] as [Worker, number];
      per.get(w)?.flooders.push(local);
    }
    spec.senders.forEach((g, k) => {
      const [w, local] = this.slots[g] as [Worker, number];
      const entry = per.get(w) as {
        senders: number[];
        conversations: (string | null)[];
        flooders: number[];
      };
      entry.senders.push(local);
      entry.conversations.push(spec.conversations?.[k] ?? null);
    });
    const results = await Promise.all(
      this.workers.map((w) => {
        const entry = per.get(w) as {
          senders: number[];
          conversations: (string | null)[];
          flooders: number[];
        };
        // A worker with flooders but no senders still needs the conversation for them.
        const conversations = entry.conversations.length
          ? entry.conversations
          : [spec.conversations?.[0] ?? null];
        return w.call<LoadResult>({ cmd: 'load', spec: { ...spec, ...entry, conversations } });
      }),
    );
    return results;
  }
}

export const resetAll = (workers: Worker[], keepKeys = true) =>
  Promise.all(workers.map((w) => w.call({ cmd: 'reset', keepKeys })));

export async function receivedAll(workers: Worker[]) {
  const parts = await Promise.all(
    workers.map((w) =>
      w.call<{ latency: SerializedHistogram; received: number }>({ cmd: 'received' }),
    ),
  );
  return {
    latency: Histogram.merge(parts.map((p) => p.latency)).summary(),
    received: parts.reduce((n, p) => n + p.received, 0),
  };
}

export async function verifyAll(workers: Worker[], keys: string[]) {
  const parts = await Promise.all(
    workers.map((w) =>
      w.call<{ lost: number; duplicates: number; receivers: number }>({
        cmd: 'verify',
        keys,
        receivers: 'all',
      }),
    ),
  );
  return parts.reduce(
    (a, p) => ({ lost: a.lost + p.lost, duplicates: a.duplicates + p.duplicates }),
    { lost: 0, duplicates: 0 },
  );
}

export async function generatorCpu(workers: Worker[]) {
  const parts = await Promise.all(workers.map((w) => w.call<{ fraction: number }>({ cmd: 'cpu' })));
  return parts.map((p) => Math.round(p.fraction * 100) / 100);
}

let databasePid: number | undefined;
/** Phases also sample the database process's CPU when the bench started it. */
export const setDatabasePid = (pid: number | undefined) => {
  databasePid = pid;
};

export interface PhaseResult {
  wallMs: number;
  sent: number;
  acked: number;
  errors: Record<string, number>;
  ackLatency: LatencySummary;
  deliveryLatency: LatencySummary;
  delivered: number;
  lost: number;
  duplicates: number;
  ackedPerSecond: number;
  deliveriesPerSecond: number;
  server: ReturnType<ProcSampler['end']>;
  /** The database process the bench started (FerretDB), when it started one. */
  database: ReturnType<ProcSampler['end']> | null;
  generatorCpu: number[];
  flood: { sent: number; acked: number; reconnects: number; errors: Record<string, number> };
  /** True when a generator process used ≥ 90 % of a core: the phase measured the generator. */
  generatorSaturated: boolean;
  /** Cores the whole machine was busy (everything, not only the bench) and the 1-minute load. */
  machineBusyCores: number;
  loadAverage: number;
}

/** One measured phase: reset, load, drain, verify, and the server's and generator's CPU. */
export async function phase(
  fleet: Fleet,
  serverPid: number,
  spec: Parameters<Fleet['load']>[0],
  /** countOnly: deliveries are counted, not checked key by key (long runs: memory). */
  opts: { verify?: boolean; drainMs?: number; countOnly?: boolean } = {},
): Promise<PhaseResult> {
  await resetAll(fleet.workers, !opts.countOnly);
  await generatorCpu(fleet.workers);
  const sampler = new ProcSampler(serverPid);
  const dbSampler = databasePid ? new ProcSampler(databasePid) : null;
  const cpu0 = machineCpu();
  sampler.begin();
  dbSampler?.begin();
  const results = await fleet.load(spec);
  const server = sampler.end();
  const database = dbSampler?.end() ?? null;
  const machineBusy = busyCores(cpu0, machineCpu());
  const gen = await generatorCpu(fleet.workers);
  await sleep(opts.drainMs ?? 1500);
  const wallMs = Math.max(...results.map((r) => r.wallMs));
  const keys = results.flatMap((r) => r.ackedKeys);
  const received = await receivedAll(fleet.workers);
  const verified = opts.verify ? await verifyAll(fleet.workers, keys) : { lost: 0, duplicates: 0 };
  const errors: Record<string, number> = {};
  for (const r of results)
    for (const [c, n] of Object.entries(r.errors)) errors[c] = (errors[c] ?? 0) + n;
  const acked = keys.length;
  const flood = { sent: 0, acked: 0, reconnects: 0, errors: {} as Record<string, number> };
  for (const r of results) {
    flood.sent += r.flood.sent;
    flood.acked += r.flood.acked;
    flood.reconnects += r.flood.reconnects;
    for (const [c, n] of Object.entries(r.flood.errors))
      flood.errors[c] = (flood.errors[c] ?? 0) + n;
  }
  return {
    database,
    flood,
    wallMs: Math.round(wallMs),
    sent: results.reduce((n, r) => n + r.sent, 0),
    acked,
    errors,
    ackLatency: Histogram.merge(results.map((r) => r.ackLatency)).summary(),
    deliveryLatency: received.latency,
    delivered: received.received,
    lost: verified.lost,
    duplicates: verified.duplicates,
    ackedPerSecond: Math.round((acked / wallMs) * 1000),
    deliveriesPerSecond: Math.round((received.received / wallMs) * 1000),
    server,
    generatorCpu: gen,
    generatorSaturated: gen.some((c) => c >= 0.9),
    machineBusyCores: machineBusy,
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 10) / 10,
  };
}
