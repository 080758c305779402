import { randomUUID } from 'node:crypto';
import type {
  ClientEventName,
  ClientEventPayload,
  ClientEventResult,
  ErrorBody,
} from '@yhteistyotila/protocol';
import { createUser, type TestUser } from './factories.js';
import type { TestServer, TestSocket } from './harness.js';

type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** Emits a command and returns its ack. */
export async function call<E extends ClientEventName>(
  socket: TestSocket,
  event: E,
  payload: ClientEventPayload<E>,
): Promise<Ack<ClientEventResult<E>>> {
  const emit = socket.timeout(15000).emitWithAck as unknown as (
    e: string,
    p: unknown,
  ) => Promise<Ack<ClientEventResult<E>>>;
  return emit.call(socket.timeout(15000), event, payload);
}

/** Emits a command that must succeed and returns its data. */
export async function ok<E extends ClientEventName>(
  socket: TestSocket,
  event: E,
  payload: ClientEventPayload<E>,
): Promise<ClientEventResult<E>> {
  const res = await call(socket, event, payload);
  if (!res.ok) throw new Error(`${event} failed: ${res.error.code} ${res.error.message}`);
  return res.data;
}

/** Emits anything (malformed payloads). */
export async function callRaw(
  socket: TestSocket,
  event: string,
  payload: unknown,
): Promise<Ack<unknown>> {
  const emit = socket.timeout(15000).emitWithAck as unknown as (
    e: string,
    p: unknown,
  ) => Promise<Ack<unknown>>;
  return emit.call(socket.timeout(15000), event, payload);
}

export const errorCode = (res: Ack<unknown>) => (res.ok ? 'OK' : res.error.code);
export const clientId = () => randomUUID();

/** Connects and waits until the socket is in its conversations' rooms (conversation:list waits for that). */
export async function connectReady(
  server: { connect(o: { cookie: string }): Promise<TestSocket> },
  cookie: string,
): Promise<TestSocket> {
  const socket = await server.connect({ cookie });
  await ok(socket, 'conversation:list', {});
  return socket;
}

type UserOptions = NonNullable<Parameters<typeof createUser>[1]>;

/** The people of a test file's fixture, created at once; one person per entry, in order. */
export const createUsers = <const T extends readonly UserOptions[]>(
  server: TestServer,
  people: T,
) =>
  Promise.all(people.map((opts) => createUser(server.application, opts))) as Promise<{
    -readonly [K in keyof T]: TestUser;
  }>;

/** One ready socket (see connectReady) per entry; a person listed twice has two tabs. */
export const connectAllReady = <const T extends readonly TestUser[]>(
  server: TestServer,
  users: T,
) =>
  Promise.all(users.map((user) => connectReady(server, user.cookie))) as Promise<{
    -readonly [K in keyof T]: TestSocket;
  }>;
