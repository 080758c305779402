/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ackSchema, ERROR_CODES, HTTP_STATUS } from './errors.js';
import { clientEvents, serverEvents } from './events.js';
import { rooms } from './rooms.js';
import { whoamiResultSchema } from './session.js';
import { PROTOCOL_VERSION } from './version.js';

/** Every domain file of the protocol (not the index, which re-exports them), so a new domain is covered without editing this test. */
const domainModules = import.meta.glob<Record<string, unknown>>(
  ['./*.ts', '!./index.ts', '!./*.test.ts', '!./*.test-d.ts'],
  {
    eager: true,
  },
);

function domainExports(suffix: string): [string, Record<string, unknown>][] {
  return Object.entries(domainModules).flatMap(([file, mod]) =>
    Object.entries(mod)
      .filter(
        ([name]) => name.endsWith(suffix) && name !== 'clientEvents' && name !== 'serverEvents',
      )
      .map(([name, value]): [string, Record<string, unknown>] => [
        `${file}#${name}`,
        value as Record<string, unknown>,
      ]),
  );
}

const EVENT_NAME = /^[a-z][a-zA-Z]*:[a-z][a-zA-Z]*$/;

describe('event registry', () => {
  it('names every event domain:verb (commands) or domain:fact (server events)', () => {
    const bad = [...Object.keys(clientEvents), ...Object.keys(serverEvents)].filter(
      (n) => !EVENT_NAME.test(n),
    );
    expect(bad).toEqual([]);
  });

  it('declares every client event with a payload and a result schema', () => {
    for (const [name, spec] of Object.entries(clientEvents)) {
      expect(spec.payload, name).toBeInstanceOf(z.ZodType);
      expect(spec.result, name).toBeInstanceOf(z.ZodType);
    }
    for (const [name, schema] of Object.entries(serverEvents))
      expect(schema, name).toBeInstanceOf(z.ZodType);
  });

  // The registry is built by spreading domain objects: a name declared twice would silently keep
  // only the last declaration, so the counts must add up.
  it.each([
    ['ClientEvents', clientEvents],
    ['ServerEvents', serverEvents],
  ] as const)(
    'spreads every *%s domain object into the registry, no name twice',
    (suffix, registry) => {
      const domains = domainExports(suffix);
      expect(domains.length).toBeGreaterThan(0);
      const declared = domains.flatMap(([, events]) => Object.keys(events));
      const duplicates = declared.filter((name, i) => declared.indexOf(name) !== i);
      expect(duplicates).toEqual([]);
      expect(Object.keys(registry).sort()).toEqual([...declared].sort());
    },
  );

  it('takes one object as payload for every command (never positional arguments)', () => {
    const notObjects = Object.entries(clientEvents)
      .filter(([, spec]) => !(spec.payload instanceof z.ZodObject))
      .map(([name]) => name);
    expect(notObjects).toEqual([]);
  });
});

describe('acks and errors', () => {
  const ack = ackSchema(whoamiResultSchema);

  it('accepts a success ack carrying the result and an error ack carrying a known code', () => {
    expect(
      ack.safeParse({ ok: false, error: { code: 'NOT_FOUND', message: 'no such channel' } })
        .success,
    ).toBe(true);
    expect(ack.safeParse({ ok: false, error: { code: 'TEAPOT', message: 'x' } }).success).toBe(
      false,
    );
    expect(ack.safeParse({ ok: true, data: { user: {} } }).success).toBe(false);
  });

  it('maps every error code to an HTTP status', () => {
    for (const code of ERROR_CODES) expect(HTTP_STATUS[code], code).toBeGreaterThanOrEqual(400);
  });
});

describe('rooms and version', () => {
  it('builds distinct room names for distinct kinds of room with the same id', () => {
    const id = '0123456789abcdef01234567';
    const names = [
      rooms.user(id),
      rooms.session(id),
      rooms.conversation(id),
      rooms.moderators(),
      rooms.everyone(),
    ];
    expect(new Set(names).size).toBe(names.length);
  });

  it('has a positive integer protocol version', () => {
    expect(Number.isInteger(PROTOCOL_VERSION) && PROTOCOL_VERSION > 0).toBe(true);
  });
});
