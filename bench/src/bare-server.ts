import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { Server } from 'socket.io';

/**
 * The baselines: a bare Socket.IO server with the real server's transport options and no
 * application at all. `send` broadcasts a message-shaped object to every client and acks it
 * (bare broadcast); `echo` only acks the same object (bare echo). Same payload shape and size
 * as the real `message:created`, so the ratio measures the application, not the bytes.
 */
const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();

const httpServer = createServer((req, res) => {
  if (req.url === '/stats') {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({ eventLoopP99Ms: lag.percentile(99) / 1e6, eventLoopMaxMs: lag.max / 1e6 }),
    );
    lag.reset();
    return;
  }
  if (req.url === '/healthz') return void res.end('{"ok":true}');
  res.statusCode = 404;
  res.end();
});

const io = new Server(httpServer, {
  serveClient: false,
  maxHttpBufferSize: 256 * 1024,
  pingInterval: 20_000,
  pingTimeout: 20_000,
});

const conversationId = randomBytes(12).toString('hex');
const author = {
  id: randomBytes(12).toString('hex'),
  name: 'Bench Person',
  role: 'member',
  expert: false,
};
let seq = 0;

function messageOf(payload: { text?: unknown; clientId?: unknown }) {
  seq += 1;
  return {
    id: randomBytes(12).toString('hex'),
    conversationId,
    seq,
    changeSeq: seq,
    clientId: typeof payload?.clientId === 'string' ? payload.clientId : '',
    author,
    text: typeof payload?.text === 'string' ? payload.text : '',
    mentions: [],
    threadRootId: null,
    replyCount: 0,
    threadParticipants: [],
    lastReplyAt: null,
    reactions: [],
    pinned: false,
    createdAt: new Date().toISOString(),
    editedAt: null,
    deletedAt: null,
    removedByModerator: false,
    removalReason: null,
  };
}

io.on('connection', (socket) => {
  void socket.join('all');
  socket.on('send', (payload: { text?: unknown }, ack?: (r: unknown) => void) => {
    const message = messageOf(payload);
    io.to('all').emit('message:created', { message });
    if (typeof ack === 'function') ack({ ok: true, data: { message } });
  });
  socket.on('echo', (payload: { text?: unknown }, ack?: (r: unknown) => void) => {
    if (typeof ack === 'function') ack({ ok: true, data: { message: messageOf(payload) } });
  });
  socket.on('session:whoami', (_p: unknown, ack?: (r: unknown) => void) => {
    if (typeof ack === 'function') ack({ ok: true, data: {} });
  });
});

httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening ${(httpServer.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => process.exit(0));
