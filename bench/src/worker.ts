import { PROTOCOL_VERSION, catchUp as protocolCatchUp } from '@yhteistyotila/protocol';
import { randomUUID } from 'node:crypto';
import { Histogram, type SerializedHistogram } from './histogram.js';
import { RawClient, parseAck } from './raw-client.js';

/**
 * One load-generator process (forked by run.ts, driven over IPC). It owns a slice of the
 * virtual users as raw WebSocket clients; senders embed a key and a send timestamp in each
 * message text, every client records what it receives, and the worker reports latency
 * histograms, acks, errors, losses, duplicates and its own CPU.
 */
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MARK = '"text":"b|';

interface ClientState {
  client: RawClient;
  cookie: string | undefined;
  received: Set<string>;
  duplicates: number;
  maxChangeSeq: number;
  reconnect: boolean;
  doneAt: number;
  /** Conversation to catch up after a reconnect. */
  syncConversation: string | null;
}

let url = '';
let tag = 'w';
/**
 * Counts the phases (each `reset`): a message key names its phase, so a message of one phase
 * that arrives late, during the next, is no receipt of the next phase's message of the same
 * sender and number (it was counted as one, and the real one as a duplicate).
 */
let phaseNo = 0;
/** `.<phaseNo>.`: what follows the sender's tag in a key of this phase. */
let phaseMark = '.0.';
const clients: ClientState[] = [];
let latency = new Histogram();
let recording = true;
/** False for long runs (the soak): count deliveries instead of keeping every key per client. */
let keepKeys = true;
let countedOnly = 0;

function onEvent(state: ClientState, frame: string) {
  const at = frame.indexOf(MARK);
  if (at < 0) return;
  const keyStart = at + MARK.length;
  const keyEnd = frame.indexOf('|', keyStart);
  const tEnd = frame.indexOf('|', keyEnd + 1);
  const key = frame.slice(keyStart, keyEnd);
  const sentAt = Number(frame.slice(keyEnd + 1, tEnd));
  const cs = frame.indexOf('"changeSeq":');
  if (cs >= 0) {
    const n = parseInt(frame.slice(cs + 12, cs + 24), 10);
    if (n > state.maxChangeSeq) state.maxChangeSeq = n;
  }
  if (!recording) return;
  // A late message of an earlier phase: neither a receipt nor a latency of this one.
  if (!key.startsWith(phaseMark, key.indexOf('.'))) return;
  if (!keepKeys) {
    countedOnly += 1;
    latency.record(now() - sentAt);
    return;
  }
  if (state.received.has(key)) state.duplicates += 1;
  else state.received.add(key);
  latency.record(now() - sentAt);
}

function makeClient(cookie: string | undefined): ClientState {
  const state: ClientState = {
    client: undefined as unknown as RawClient,
    cookie,
    received: new Set(),
    duplicates: 0,
    maxChangeSeq: 0,
    reconnect: false,
    doneAt: 0,
    syncConversation: null,
  };
  state.client = new RawClient({
    url,
    cookie,
    auth: { protocolVersion: PROTOCOL_VERSION },
    onEvent: (frame) => onEvent(state, frame),
    onClose: () => {
      if (state.reconnect) void reconnectLoop(state);
    },
  });
  return state;
}

/** Where reconnecting clients spent their time (reported with the storm result). */
const reconnectStats = {
  attempts: 0,
  failures: {} as Record<string, number>,
  connectMs: 0,
  syncMs: 0,
  syncPages: 0,
};

async function reconnectLoop(state: ClientState) {
  state.doneAt = 0;
  // Jittered retry like a real client's backoff, kept short so the server, not the wait, is measured.
  for (;;) {
    await sleep(100 + Math.random() * 150);
    const t = now();
    reconnectStats.attempts += 1;
    try {
      await state.client.connect(10_000);
      reconnectStats.connectMs += now() - t;
      break;
    } catch (err) {
      // server not up yet: try again
      const why = (err as Error).message.slice(0, 60);
      reconnectStats.failures[why] = (reconnectStats.failures[why] ?? 0) + 1;
    }
  }
  const t = now();
  if (state.syncConversation) await catchUp(state, state.syncConversation);
  reconnectStats.syncMs += now() - t;
  state.doneAt = now();
}

/** conversation:sync with the protocol's catch-up algorithm (the web client's own). */
async function catchUp(state: ClientState, conversationId: string) {
  type SyncData = { messages: { text: string; changeSeq: number }[]; hasMore: boolean };
  const { maxChangeSeq } = await protocolCatchUp({
    maxChangeSeq: state.maxChangeSeq,
    maxPages: 100,
    async fetchPage(sinceChangeSeq) {
      // A refused page (server still starting, rate limit) is asked again, as a client would.
      for (let attempt = 1; ; attempt += 1) {
        const raw = await state.client.emitWithAck('conversation:sync', {
          conversationId,
          sinceChangeSeq,
        });
        const ack = parseAck(raw) as { ok: boolean; error?: { code: string }; data?: SyncData };
        reconnectStats.syncPages += 1;
        if (ack.ok && ack.data) return ack.data;
        const why = `sync ${ack.error?.code ?? 'no data'}`;
        reconnectStats.failures[why] = (reconnectStats.failures[why] ?? 0) + 1;
        if (attempt >= 100) throw new Error(why);
        await sleep(200);
      }
    },
    apply(page) {
      for (const m of page.messages)
        if (m.text.startsWith('b|')) state.received.add(m.text.split('|')[1] ?? '');
    },
  });
  state.maxChangeSeq = maxChangeSeq;
}

async function pool<T>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i] as T, i);
      }
    }),
  );
}

export interface LoadSpec {
  event: string;
  /** Local client indexes that send. */
  senders: number[];
  /** Conversation per sender (same order), for message:send. */
  conversations?: (string | null)[];
  mode: 'closed' | 'open';
  /** Closed loop: sends in flight per sender. */
  window: number;
  /** Messages per second per sender: open loop's rate; closed loop's cap (0 = none). */
  ratePerSender: number;
  durationMs: number;
  pad: number;
  /** Local indexes that flood: `window` sends in flight each, no pacing, RATE_LIMITED ignored. */
  flooders?: number[];
  floodWindow?: number;
}

export interface LoadResult {
  flood: { sent: number; acked: number; reconnects: number; errors: Record<string, number> };
  sent: number;
  acked: number;
  errors: Record<string, number>;
  ackLatency: SerializedHistogram;
  ackedKeys: string[];
  cpuFraction: number;
  wallMs: number;
}

async function load(spec: LoadSpec): Promise<LoadResult> {
  const ackLatency = new Histogram();
  const errors: Record<string, number> = {};
  const ackedKeys: string[] = [];
  let sent = 0;
  const cpu0 = process.cpuUsage();
  const t0 = now();
  const end = t0 + spec.durationMs;

  const sendOne = async (senderPos: number, n: number) => {
    const idx = spec.senders[senderPos] as number;
    return send(idx, spec.conversations?.[senderPos], n, false);
  };
  const flood = { sent: 0, acked: 0, reconnects: 0, errors: {} as Record<string, number> };
  const send = async (
    idx: number,
    conversationId: string | null | undefined,
    n: number,
    flooding: boolean,
  ) => {
    const state = clients[idx] as ClientState;
    const key = `${tag}.${phaseNo}.${idx}.${n}`;
    const sentAt = now();
    const text = `b|${key}|${sentAt.toFixed(3)}|${'x'.repeat(spec.pad)}`;
    const payload =
      spec.event === 'message:send'
        ? { conversationId, clientId: randomUUID(), text }
        : { text, clientId: randomUUID() };
    const raw = await state.client.emitWithAck(spec.event, payload);
    if (flooding) {
      flood.sent += 1;
      if (raw.startsWith('[{"ok":true')) flood.acked += 1;
      else {
        const code = parseAck(raw).error?.code ?? 'UNKNOWN';
        flood.errors[code] = (flood.errors[code] ?? 0) + 1;
        // Closed for flooding: a hostile client comes straight back (and is closed again).
        if (code === 'DISCONNECTED') return -1;
      }
      return 0;
    }
    sent += 1;
    if (raw.startsWith('[{"ok":true')) {
      ackLatency.record(now() - sentAt);
      ackedKeys.push(key);
      return 0;
    }
    const err = parseAck(raw).error;
    const code = err?.code ?? 'UNKNOWN';
    errors[code] = (errors[code] ?? 0) + 1;
    return code === 'RATE_LIMITED' ? (err?.retryAfter ?? 1) * 1000 : 0;
  };

  let reconnecting: Promise<void> | null = null;
  const comeBack = (idx: number) =>
    (reconnecting ??= (async () => {
      flood.reconnects += 1;
      await sleep(200);
      await (clients[idx] as ClientState).client.connect(10_000).catch(() => undefined);
      reconnecting = null;
    })());
  const flooding = (spec.flooders ?? []).flatMap((idx) =>
    Array.from({ length: spec.floodWindow ?? 10 }, async (_w, lane) => {
      let n = 1_000_000 + lane;
      while (now() < end) {
        if ((await send(idx, spec.conversations?.[0], n, true)) < 0) await comeBack(idx);
        n += spec.floodWindow ?? 10;
      }
    }),
  );

  if (spec.mode === 'closed') {
    await Promise.all(
      spec.senders.flatMap((_, pos) =>
        Array.from({ length: spec.window }, async (_w, lane) => {
          let n = lane;
          const gap = spec.ratePerSender > 0 ? (1000 * spec.window) / spec.ratePerSender : 0;
          // Spread the senders' first sends over one gap so they do not arrive in lockstep.
          if (gap) await sleep(Math.random() * gap);
          while (now() < end) {
            const started = now();
            const backoff = await sendOne(pos, n);
            n += spec.window;
            const wait = Math.max(backoff, gap - (now() - started));
            if (wait > 0) await sleep(wait);
          }
        }),
      ),
    );
  } else {
    const interval = 1000 / spec.ratePerSender;
    const inFlight: Promise<unknown>[] = [];
    await Promise.all(
      spec.senders.map(async (_, pos) => {
        let planned = t0 + Math.random() * interval;
        let n = 0;
        while (planned < end) {
          const wait = planned - now();
          if (wait > 0) await sleep(wait);
          inFlight.push(sendOne(pos, n));
          n += 1;
          planned += interval;
        }
      }),
    );
    await Promise.all(inFlight);
  }
  await Promise.all(flooding);
  const wallMs = now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {
    flood,
    sent,
    acked: ackedKeys.length,
    errors,
    ackLatency: ackLatency.toJSON(),
    ackedKeys,
    cpuFraction: (cpu.user + cpu.system) / 1000 / wallMs,
    wallMs,
  };
}

type Command =
  | { cmd: 'init'; url: string; tag: string }
  | { cmd: 'connect'; cookies: (string | null)[]; concurrency: number }
  | { cmd: 'emitEach'; event: string; targets: [number, unknown][]; concurrency: number }
  | { cmd: 'reset'; keepKeys?: boolean }
  | { cmd: 'load'; spec: LoadSpec }
  | { cmd: 'received' }
  | { cmd: 'verify'; keys: string[]; receivers: number[] | 'all' }
  | { cmd: 'arm'; conversationId: string | null }
  | { cmd: 'awaitCaughtUp'; t0: number; timeoutMs: number }
  | { cmd: 'cpu' }
  | { cmd: 'close' };

let cpuMark = process.cpuUsage();
let cpuWall = now();

async function handle(c: Command): Promise<unknown> {
  switch (c.cmd) {
    case 'init':
      url = c.url;
      tag = c.tag;
      return { pid: process.pid };
    case 'connect': {
      const first = clients.length;
      const fresh = c.cookies.map((cookie) => makeClient(cookie ?? undefined));
      clients.push(...fresh);
      const t0 = now();
      let failed = 0;
      const errors: string[] = [];
      await pool(fresh, c.concurrency, async (s) => {
        try {
          await s.client.connect();
        } catch (err) {
          failed += 1;
          if (errors.length < 3) errors.push((err as Error).message);
        }
      });
      return { first, connected: fresh.length - failed, failed, errors, ms: now() - t0 };
    }
    case 'emitEach': {
      const codes: Record<string, number> = {};
      const data: unknown[] = [];
      await pool(c.targets, c.concurrency, async ([local, payload], i) => {
        const ack = parseAck(
          await (clients[local] as ClientState).client.emitWithAck(c.event, payload),
        );
        const code = ack.ok ? 'OK' : (ack.error?.code ?? 'UNKNOWN');
        codes[code] = (codes[code] ?? 0) + 1;
        data[i] = ack.ok ? ack.data : null;
      });
      return { codes, data };
    }
    case 'reset':
      phaseNo += 1;
      phaseMark = `.${phaseNo}.`;
      latency = new Histogram();
      recording = true;
      keepKeys = c.keepKeys ?? true;
      countedOnly = 0;
      for (const s of clients) {
        s.received.clear();
        s.duplicates = 0;
      }
      return {};
    case 'load':
      return load(c.spec);
    case 'received':
      return {
        latency: latency.toJSON(),
        received: clients.reduce((n, s) => n + s.received.size, 0) + countedOnly,
      };
    case 'verify': {
      const targets =
        c.receivers === 'all' ? clients : c.receivers.map((i) => clients[i] as ClientState);
      let lost = 0;
      let duplicates = 0;
      for (const s of targets) {
        duplicates += s.duplicates;
        for (const k of c.keys) if (!s.received.has(k)) lost += 1;
      }
      return { lost, duplicates, receivers: targets.length };
    }
    case 'arm':
      for (const s of clients) {
        s.reconnect = true;
        s.syncConversation = c.conversationId;
        s.doneAt = 0;
      }
      return {};
    case 'awaitCaughtUp': {
      const deadline = now() + c.timeoutMs;
      while (now() < deadline && clients.some((s) => !s.doneAt)) await sleep(50);
      const times = clients.filter((s) => s.doneAt).map((s) => s.doneAt - c.t0);
      const h = new Histogram();
      for (const t of times) h.record(t);
      for (const s of clients) s.reconnect = false;
      const stats = { ...reconnectStats, failures: { ...reconnectStats.failures } };
      Object.assign(reconnectStats, {
        attempts: 0,
        failures: {},
        connectMs: 0,
        syncMs: 0,
        syncPages: 0,
      });
      return {
        done: times.length,
        notDone: clients.length - times.length,
        times: h.toJSON(),
        stats,
      };
    }
    case 'cpu': {
      const cpu = process.cpuUsage(cpuMark);
      const t = now();
      const fraction = (cpu.user + cpu.system) / 1000 / (t - cpuWall);
      cpuMark = process.cpuUsage();
      cpuWall = t;
      return { fraction, rssMb: process.memoryUsage().rss / 1e6 };
    }
    case 'close':
      for (const s of clients) {
        s.reconnect = false;
        s.client.close();
      }
      clients.length = 0;
      return {};
  }
}

process.on('message', (msg: { id: number } & Command) => {
  handle(msg).then(
    (result) => process.send?.({ id: msg.id, result }),
    (err: unknown) => process.send?.({ id: msg.id, error: (err as Error).message }),
  );
});
