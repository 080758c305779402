import type { Ack } from '@yhteistyotila/protocol';
import { toErrorBody, AppError } from '../errors.js';

/**
 * The first line against a flooding client, before any parsing: a token bucket per socket
 * (SOCKET_EVENT_RATE per second, bursts of SOCKET_EVENT_BURST). A refused event costs a
 * counter and a prebuilt ack, so one flooder cannot slow everybody else down (bench: flood);
 * the per-person limits of each handler still apply behind it. A socket that has more events
 * refused in a window than the sustained rate allows in that window is closed, and its person
 * may not connect to this process for FLOOD_PENALTY_MS: an honest client never comes close.
 */
export interface ThrottleOptions {
  ratePerSecond: number;
  burst: number;
}

const REFUSED: Ack<unknown> = {
  ok: false,
  error: { ...toErrorBody(new AppError('RATE_LIMITED', 'too many events')).body, retryAfter: 1 },
};
const STRIKE_WINDOW_MS = 10_000;

export class SocketThrottle {
  private tokens: number;
  private last = performance.now();
  private strikes = 0;
  private windowStart = this.last;

  constructor(private readonly opts: ThrottleOptions) {
    this.tokens = opts.burst;
  }

  /** True when the event may run; otherwise the caller acks `refused` and drops it. */
  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(
      this.opts.burst,
      this.tokens + ((now - this.last) / 1000) * this.opts.ratePerSecond,
    );
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    if (now - this.windowStart > STRIKE_WINDOW_MS) {
      this.windowStart = now;
      this.strikes = 0;
    }
    this.strikes += 1;
    return false;
  }

  /** Refused more events in one window than the sustained rate allows in one. */
  get flooding(): boolean {
    return this.strikes > (this.opts.ratePerSecond * STRIKE_WINDOW_MS) / 1000;
  }

  static readonly refused = REFUSED;
}

export const FLOOD_PENALTY_MS = 30_000;

/** People closed for flooding, until when (this process only: enough to make flooding futile). */
export class PenaltyBox {
  private readonly until = new Map<string, number>();

  add(key: string, now = Date.now()): void {
    this.until.set(key, now + FLOOD_PENALTY_MS);
    if (this.until.size > 10_000) this.sweep(now);
  }

  has(key: string, now = Date.now()): boolean {
    const until = this.until.get(key);
    if (until === undefined) return false;
    if (until > now) return true;
    this.until.delete(key);
    return false;
  }

  private sweep(now: number) {
    for (const [key, until] of this.until) if (until <= now) this.until.delete(key);
  }
}
