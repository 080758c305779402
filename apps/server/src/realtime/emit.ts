import {
  serverEvents,
  type ServerEventName,
  type ServerEventPayload,
} from '@yhteistyotila/protocol';
import type { AppContext } from '../context.js';

/**
 * Emits a fact to rooms after the write has returned. Outside production every payload is
 * parsed with its protocol schema first, so a presenter that drifts from the protocol fails
 * loudly in tests instead of confusing clients.
 */
export function emitTo<E extends ServerEventName>(
  app: Pick<AppContext, 'io' | 'config'>,
  roomNames: string | string[],
  event: E,
  payload: ServerEventPayload<E>,
  opts: { volatile?: boolean; except?: string } = {},
): void {
  if (!app.config.isProduction) serverEvents[event].parse(payload);
  let target = app.io.to(roomNames);
  if (opts.except) target = target.except(opts.except);
  const emitter = opts.volatile ? target.volatile : target;
  (emitter.emit as (ev: string, p: unknown) => boolean)(event, payload);
}
