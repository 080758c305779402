import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP forward proxy that passes plain HTTP and refuses every WebSocket, as the proxies of
 * some school and workplace networks do. A browser reaches a ws:// address through an HTTP
 * proxy with CONNECT (a tunnel); this one answers 403 to those, so the page's WebSocket fails
 * on the network as it would there, and the web app has only long-polling left.
 *
 * It also tells what went through: `polls` counts Socket.IO long-polling requests that carried
 * a session id (a session really ran over polling), `refused` the WebSockets turned away.
 */
export interface WebSocketBlockingProxy {
  url: string;
  polls: number;
  refused: number;
  close(): Promise<void>;
}

export async function startWebSocketBlockingProxy(): Promise<WebSocketBlockingProxy> {
  const stats = { polls: 0, refused: 0 };
  const upstreams = new Set<http.ClientRequest>();
  const server = http.createServer((req, res) => {
    // A proxied request names the whole URL: http://127.0.0.1:port/path?query.
    const target = new URL(req.url ?? '/');
    if (target.pathname.startsWith('/socket.io/')) {
      if (target.searchParams.get('transport') !== 'polling') stats.refused += 1;
      else if (target.searchParams.has('sid')) stats.polls += 1;
    }
    const upstream = http.request(
      target,
      { method: req.method, headers: req.headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    upstreams.add(upstream);
    upstream.on('close', () => upstreams.delete(upstream));
    upstream.on('error', () => res.destroy());
    req.on('error', () => upstream.destroy());
    req.pipe(upstream);
  });
  const refuse = (socket: NodeJS.WritableStream & { destroy(): void }) => {
    stats.refused += 1;
    socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  };
  server.on('connect', (_req, socket) => refuse(socket));
  server.on('upgrade', (_req, socket) => refuse(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get polls() {
      return stats.polls;
    },
    get refused() {
      return stats.refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Held polls would keep the test process alive.
        for (const upstream of upstreams) upstream.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
