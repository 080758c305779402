import type { ServerEventName, ServerEventPayload } from '@yhteistyotila/protocol';
import type { AppContext } from '../context.js';
import { emitTo } from './emit.js';

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

/** The one place facts become events: in the order they were recorded. */
export function publish(app: Pick<AppContext, 'io' | 'config'>, facts: Facts): void {
  for (const f of facts.drain()) {
    emitTo(app, f.to, f.event, f.payload as ServerEventPayload<typeof f.event>, f.opts);
  }
}

/** For a caller outside a socket handler (a feature hook): run the write, then publish. */
export async function publishing<T>(
  app: Pick<AppContext, 'io' | 'config'>,
  write: (facts: Facts) => Promise<T>,
): Promise<T> {
  const facts = new Facts();
  try {
    return await write(facts);
  } finally {
    publish(app, facts);
  }
}
