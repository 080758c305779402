import {
  serverEvents,
  type ServerEventName,
  type ServerEventPayload,
} from '@yhteistyotila/protocol';
import type { AppContext } from '../context.js';

/** How a fact is sent: volatile (may be dropped under load), except one socket or room (the sender, a person). */
export interface EmitOptions {
  volatile?: boolean;
  except?: string;
}

export interface Fact {
  to: string | string[];
  event: ServerEventName;
  payload: unknown;
  opts?: EmitOptions;
}

/**
 * The facts one write produced, in the order they happened. A service records them here and
 * never emits; the handler wrapper (define-handler.ts) publishes them once the service has
 * returned (docs/ARCHITECTURE.md, "Where an event is emitted").
 */
export class Facts {
  private readonly list: Fact[] = [];

  add<E extends ServerEventName>(
    to: string | string[],
    event: E,
    payload: ServerEventPayload<E>,
    opts?: EmitOptions,
  ): void {
    this.list.push({ to, event, payload, opts });
  }

  /** Hands over what was recorded and forgets it, so nothing is published twice. */
  drain(): Fact[] {
    return this.list.splice(0);
  }
}

/**
 * The one place facts become events, in the order they were recorded. Outside production every
 * payload is parsed with its protocol schema first, so a presenter that drifts from the
 * protocol fails loudly in tests instead of confusing clients.
 */
function publish(app: Pick<AppContext, 'io' | 'config'>, facts: Facts): Fact[] {
  const list = facts.drain();
  for (const { to, event, payload, opts = {} } of list) {
    if (!app.config.isProduction) serverEvents[event].parse(payload);
    let target = app.io.to(to);
    if (opts.except) target = target.except(opts.except);
    const emitter = opts.volatile ? target.volatile : target;
    // eslint-disable-next-line no-restricted-syntax -- the one place facts become events
    (emitter.emit as (ev: string, p: unknown) => boolean)(event, payload);
  }
  return list;
}

/**
 * Something that derives more facts from the facts a write produced (notifications: a
 * `message:created` that mentions someone becomes their `notification:created`). Observers run
 * after the write's facts were published, in the same request, and only ever see the write's own
 * facts (never their own, so nothing loops). `actorId` is who made the write (null: a timer, a
 * sign-in-free HTTP call).
 */
export type FactObserver = (
  app: Pick<AppContext, 'io' | 'config' | 'log'>,
  published: readonly Fact[],
  actorId: string | null,
  facts: Facts,
) => Promise<void>;
const observers: FactObserver[] = [];

/** A feature's observer (features/notifications): registered once at import. */
export function observeFacts(observer: FactObserver): void {
  if (!observers.includes(observer)) observers.push(observer);
}

async function observe(
  app: Pick<AppContext, 'io' | 'config' | 'log'>,
  published: Fact[],
  actorId: string | null,
): Promise<void> {
  if (!published.length || !observers.length) return;
  const derived = new Facts();
  for (const observer of observers) {
    try {
      await observer(app, published, actorId, derived);
    } catch (err) {
      app.log.error({ err }, 'fact observer failed');
    }
  }
  publish(app, derived);
}

/**
 * A fact with no write to wait for, published at once: a timer's batch (presence), or the
 * reason told to a session's own sockets just before they are closed.
 */
export function publishNow<E extends ServerEventName>(
  app: Pick<AppContext, 'io' | 'config'>,
  to: string | string[],
  event: E,
  payload: ServerEventPayload<E>,
  opts?: EmitOptions,
): void {
  const facts = new Facts();
  facts.add(to, event, payload, opts);
  publish(app, facts);
}

/**
 * Runs a write with its own facts and publishes them once it has returned: the socket handler
 * wrapper, the HTTP route wrapper, feature hooks and timers all go through here. What was
 * written before a failure still happened, so its facts are told all the same.
 */
export async function publishing<T>(
  app: Pick<AppContext, 'io' | 'config' | 'log'>,
  write: (facts: Facts) => Promise<T>,
  actorId: string | null = null,
): Promise<T> {
  const facts = new Facts();
  let result: T;
  try {
    result = await write(facts);
  } catch (err) {
    try {
      await observe(app, publish(app, facts), actorId);
    } catch (publishErr) {
      app.log.error({ err: publishErr }, 'publishing facts failed');
    }
    throw err;
  }
  await observe(app, publish(app, facts), actorId);
  return result;
}
