import {
  clientEvents,
  type Ack,
  type ClientEventName,
  type ClientEventResult,
} from '@yhteistyotila/protocol';
import type { z } from 'zod';
import type { AppContext, TypedSocket } from '../context.js';
import { AppError, toErrorBody } from '../errors.js';
import type { AuthUser } from '../auth/auth.js';
import { assertConsented } from '../auth/consent-gate.js';
import { assertGuestAccess } from '../auth/guest-access.js';
import type { RateLimit } from '../lib/rate-limit.js';
import { stripNul } from '../lib/strip-nul.js';
import { publishing, type Facts } from './facts.js';
import { inFlight } from './in-flight.js';

type Payload<E extends ClientEventName> = z.output<(typeof clientEvents)[E]['payload']>;

export interface HandlerContext {
  user: AuthUser;
  socket: TypedSocket;
  app: AppContext;
  /** What the write changed: recorded by services, published here after they return. */
  facts: Facts;
}

export interface HandlerOptions {
  /** Allowed without a session (default: a signed-in user is required). */
  public?: boolean;
  /** Consumed per user (or per socket when public) before the handler runs. */
  rateLimit?: RateLimit;
}

export interface SocketHandler {
  event: ClientEventName;
  /** Runs the handler for one received event (`args` as Socket.IO passes them, ack last). */
  handle(socket: TypedSocket, app: AppContext, args: unknown[]): void;
}

/**
 * The one wrapper every socket event goes through: parse with the protocol schema, require a
 * session, rate limit, run, publish the facts the run recorded, ack `{ ok, data | error }`. A throw never escapes to Socket.IO;
 * unexpected errors are logged with context and acked as INTERNAL. Nothing is created per
 * socket: one dispatcher per socket (socket-server.ts) calls `handle`, which keeps an idle
 * connection small (docs/BENCHMARKS.md, idle connections).
 */
export function defineHandler<E extends ClientEventName>(
  event: E,
  fn: (payload: Payload<E>, ctx: HandlerContext) => Promise<ClientEventResult<E>>,
  options: HandlerOptions = {},
): SocketHandler {
  const spec = clientEvents[event];

  async function run(
    socket: TypedSocket,
    app: AppContext,
    payload: unknown,
    ack: (r: Ack<unknown>) => void,
  ) {
    const started = performance.now();
    const done = inFlight.start();
    let code = 'OK';
    try {
      const parsed = spec.payload.parse(stripNul(payload)) as Payload<E>;
      const user = socket.data.user;
      if (!user && !options.public) throw new AppError('UNAUTHENTICATED', 'sign in first');
      assertGuestAccess(user);
      assertConsented(app, user, event);
      if (options.rateLimit) await options.rateLimit.consume(user?.id ?? socket.id);
      // Published after the write and before the ack: the sender's other tabs hear of it no
      // later than the sender does.
      const data = await publishing(
        app,
        (facts) => fn(parsed, { user: user as AuthUser, socket, app, facts }),
        user?.id ?? null,
      );
      safeAck(ack, { ok: true, data });
    } catch (err) {
      const { body, expected } = toErrorBody(err);
      code = body.code;
      if (!expected) {
        app.log.error(
          { err, event, userId: socket.data.user?.id, socketId: socket.id },
          'socket handler failed',
        );
      }
      safeAck(ack, { ok: false, error: body });
    } finally {
      done();
      app.metrics.socketEvents.observe({ event, code }, (performance.now() - started) / 1000);
    }
  }

  return {
    event,
    handle(socket, app, args) {
      const { payload, ack } = splitArgs(args);
      void run(socket, app, payload, ack);
    },
  };
}

/** Socket.IO passes `(payload?, ack?)`: the ack, when there is one, is the last argument. */
export function splitArgs(args: unknown[]): {
  payload: unknown;
  ack: (r: Ack<unknown>) => void;
} {
  const last = args[args.length - 1];
  const ack = typeof last === 'function' ? (last as (r: Ack<unknown>) => void) : () => {};
  const payload = args.length > 1 || typeof last !== 'function' ? args[0] : undefined;
  return { payload, ack };
}

export function safeAck(ack: (r: Ack<unknown>) => void, response: Ack<unknown>) {
  try {
    ack(response);
  } catch {
    // the client went away: nothing to tell it
  }
}
