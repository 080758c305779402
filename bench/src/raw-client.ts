import WebSocket from 'ws';

/**
 * A minimal Socket.IO v5 / Engine.IO v4 client over one raw WebSocket. The load generator
 * runs thousands of these: socket.io-client costs several times more CPU per frame, and a
 * generator that saturates before the server measures itself, not the server.
 *
 * Frames: Engine.IO `0{open}`, `2` ping -> `3` pong, `4` message; Socket.IO inside a message:
 * `0{auth}` connect, `2[...]` event, `2<id>[...]` event with ack, `3<id>[...]` ack.
 */
export interface RawClientOptions {
  url: string;
  cookie?: string | undefined;
  auth?: Record<string, unknown>;
  /** Called for every server event frame (the raw text after `42`), before any parsing. */
  onEvent?: (frame: string) => void;
  onClose?: () => void;
}

export class RawClient {
  private ws: WebSocket | undefined;
  private nextAckId = 0;
  private readonly acks = new Map<number, (payload: string) => void>();
  connected = false;

  constructor(private readonly opts: RawClientOptions) {}

  /** Resolves when the Socket.IO namespace is connected; rejects on a refused handshake. */
  connect(timeoutMs = 30_000): Promise<void> {
    const base = this.opts.url.replace(/^http/, 'ws');
    const ws = new WebSocket(`${base}/socket.io/?EIO=4&transport=websocket`, {
      headers: this.opts.cookie ? { cookie: this.opts.cookie } : {},
      perMessageDeflate: false,
    });
    this.ws = ws;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error('connect timeout'));
      }, timeoutMs);
      const fail = (err: Error) => {
        clearTimeout(timer);
        reject(err);
      };
      ws.on('error', fail);
      ws.on('close', () => {
        const wasConnected = this.connected;
        this.connected = false;
        for (const ack of this.acks.values()) ack('[{"ok":false,"error":{"code":"DISCONNECTED"}}]');
        this.acks.clear();
        if (!wasConnected) fail(new Error('closed before connect'));
        // Only a live connection that dropped is news to the owner (a failed attempt is not).
        else this.opts.onClose?.();
      });
      ws.on('message', (data: WebSocket.RawData) => {
        const text = data.toString();
        switch (text[0]) {
          case '0':
            ws.send(`40${JSON.stringify(this.opts.auth ?? {})}`);
            return;
          case '2':
            ws.send('3');
            return;
          case '4':
            break;
          default:
            return;
        }
        const type = text[1];
        if (type === '2') this.opts.onEvent?.(text);
        else if (type === '3') {
          let i = 2;
          while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i += 1;
          const id = Number(text.slice(2, i));
          const ack = this.acks.get(id);
          if (ack) {
            this.acks.delete(id);
            ack(text.slice(i));
          }
        } else if (type === '0') {
          this.connected = true;
          clearTimeout(timer);
          ws.off('error', fail);
          ws.on('error', () => undefined);
          resolve();
        } else if (type === '4') {
          fail(new Error(`connect_error ${text.slice(2)}`));
          ws.close();
        }
      });
    });
  }

  /**
   * Sends an event with an ack; resolves with the ack's raw JSON array text (`[{...}]`), or
   * with a TIMEOUT error after `timeoutMs` so that one lost ack cannot stall a phase.
   */
  emitWithAck(event: string, payload: unknown, timeoutMs = 60_000): Promise<string> {
    const ws = this.ws;
    if (!ws || !this.connected)
      return Promise.resolve('[{"ok":false,"error":{"code":"DISCONNECTED"}}]');
    const id = this.nextAckId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.acks.delete(id);
        resolve('[{"ok":false,"error":{"code":"TIMEOUT"}}]');
      }, timeoutMs);
      this.acks.set(id, (raw) => {
        clearTimeout(timer);
        resolve(raw);
      });
      ws.send(`42${id}${JSON.stringify([event, payload])}`);
    });
  }

  emit(event: string, payload: unknown): void {
    if (this.ws && this.connected) this.ws.send(`42${JSON.stringify([event, payload])}`);
  }

  close(): void {
    this.ws?.terminate();
  }
}

/** The first element of a raw ack array, parsed (`[{ok,...}]` -> `{ok,...}`). */
export const parseAck = (
  raw: string,
): { ok: boolean; data?: unknown; error?: { code: string; retryAfter?: number } } =>
  (JSON.parse(raw) as [{ ok: boolean }])[0];
