import type { Socket } from 'socket.io-client';
import { describe, expectTypeOf, it } from 'vitest';
import type { Ack, ErrorCode } from './errors.js';
import type {
  ClientEventPayload,
  ClientEventResult,
  ClientToServerEvents,
  ServerEventPayload,
  ServerToClientEvents,
} from './events.js';
import type { WhoamiResult } from './session.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
declare const socket: ClientSocket;

describe('typed event maps', () => {
  it("gives 'session:whoami' the ack type of its result schema", () => {
    expectTypeOf<ClientEventResult<'session:whoami'>>().toEqualTypeOf<WhoamiResult>();
    expectTypeOf<Parameters<ClientToServerEvents['session:whoami']>[1]>().toEqualTypeOf<
      (response: Ack<WhoamiResult>) => void
    >();
    // socket.io-client 4.8 types `.timeout(ms).emitWithAck()` as Promise<any>, which is why the
    // web client wraps it with this exact type (apps/web/src/lib/socket.ts).
    expectTypeOf(socket.emitWithAck('session:whoami', {})).resolves.toEqualTypeOf<
      Ack<WhoamiResult>
    >();
  });

  it('narrows an ack by ok: data on success, a known error code on failure', () => {
    const ack = {} as Ack<WhoamiResult>;
    if (ack.ok) expectTypeOf(ack.data).toEqualTypeOf<WhoamiResult>();
    else expectTypeOf(ack.error.code).toEqualTypeOf<ErrorCode>();
  });

  it('types server events from their schemas', () => {
    expectTypeOf<ServerEventPayload<'system:shutdown'>>().toEqualTypeOf<{ retryInMs: number }>();
    socket.on('system:shutdown', (payload) => expectTypeOf(payload.retryInMs).toBeNumber());
  });

  it('rejects unknown event names and wrong payloads at compile time', () => {
    // @ts-expect-error: not an event in the protocol
    expectTypeOf<ClientEventPayload<'session:nonexistent'>>();
    // @ts-expect-error: not a server event
    expectTypeOf<ServerEventPayload<'session:whoami'>>();
    // @ts-expect-error: unknown command name
    void socket.timeout(1000).emitWithAck('session:nonexistent', {});
    // @ts-expect-error: the payload is one object, not a string
    void socket.timeout(1000).emitWithAck('session:whoami', 'me');
    // @ts-expect-error: unknown server event name
    socket.on('system:nonexistent', () => undefined);
  });
});
