import type { Conversation, LibraryContent } from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../test/factories.js';
import {
  barrier,
  collect,
  startTestServer,
  type TestServer,
  type TestSocket,
} from '../../test/harness.js';
import { call, clientId, connectAllReady, createUsers, errorCode, ok } from '../../test/sockets.js';
import { LibraryCreditModel } from './credits.model.js';
import { LIBRARY_DIFFS_PER_MINUTE } from './library.socket.js';

/*
 * Attacks on the library through its real interfaces (real server, database and sockets):
 * each case is one finding of the hostile review, kept as a regression test.
 */

let server: TestServer;
let author: TestUser, attacker: TestUser, blocker: TestUser;
let a: TestSocket, x: TestSocket, b: TestSocket;
let general: Conversation;

const content = (body: string): LibraryContent => ({
  title: 'Vanhempainyhdistyksen vuosikello',
  summary: 'Mitä tehdään milloinkin.',
  body,
  language: 'fi',
  themes: [],
  steps: [],
  cooperationModel: null,
  qualityAreas: [],
  level: 'municipal',
  municipalityCode: null,
  countyCode: null,
  sources: [],
});

/** 100,000 characters of words that two seeds order differently: the diff's worst case. */
const hugeBody = (seed: number) =>
  Array.from({ length: 20_000 }, (_, i) => `s${(i * seed) % 9973}`)
    .join(' ')
    .slice(0, 100_000);

beforeAll(async () => {
  server = await startTestServer();
  [author, attacker, blocker] = await createUsers(server, [
    { name: 'Aino Kirjoittaja' },
    { name: 'Hannu Hyökkääjä' },
    { name: 'Berit Torjuja' },
  ]);
  [a, x, b] = await connectAllReady(server, [author, attacker, blocker] as const);
  const { conversations } = await ok(a, 'conversation:list', {});
  general = conversations.find((c) => c.defaultKey === 'yleinen')!;
});
afterAll(() => server.close());

describe('hostile: the library under attack', () => {
  it('refuses a flood of word diffs of huge revisions (each blocks the event loop)', async () => {
    const { entry } = await ok(a, 'library:create', { content: content(hugeBody(7)) });
    await ok(a, 'library:publish', { id: entry.id });
    await ok(a, 'library:save', { id: entry.id, baseRevision: 1, content: content(hugeBody(13)) });

    // Each such diff holds the event loop for 0.5 to 1.5 seconds: a member asking again and
    // again, without a limit, stalls the server for everyone.
    const codes: string[] = [];
    for (let i = 0; i <= LIBRARY_DIFFS_PER_MINUTE; i++)
      codes.push(errorCode(await call(x, 'library:diff', { id: entry.id, from: 1, to: 2 })));
    expect(codes.slice(0, LIBRARY_DIFFS_PER_MINUTE).every((c) => c === 'OK')).toBe(true);
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    expect(server.contractViolations).toEqual([]);
  }, 120_000);

  it('never asks a person who blocked the saver to be credited (no notification across a block)', async () => {
    await ok(b, 'block:add', { userId: attacker.id });
    const { message } = await ok(b, 'message:send', {
      conversationId: general.id,
      clientId: clientId(),
      text: 'Meidän koulussa vuosikello jaettiin kaikille perheille syksyllä.',
    });
    const asked = collect(b, 'library:creditRequested');

    const { entry } = await ok(x, 'library:fromChat', { messageId: message.id });
    await barrier(server, b);
    expect(asked).toEqual([]);
    expect(await LibraryCreditModel.countDocuments({ entryId: entry.id })).toBe(0);
    expect((await ok(b, 'library:creditRequests', {})).requests).toEqual([]);
  });

  it('gives nothing of another person’s draft away, and refuses tricks with revision numbers', async () => {
    const { entry } = await ok(a, 'library:create', {
      content: content('Salainen luonnos kirjastokissasuunnitelmasta.'),
    });
    const id = entry.id;
    const notFound = [
      await call(x, 'library:get', { id }),
      await call(x, 'library:revisions', { id }),
      await call(x, 'library:revision', { id, number: 1 }),
      await call(x, 'library:watch', { id, editing: false }),
      await call(x, 'library:discussion', { id }),
      await call(x, 'library:save', { id, baseRevision: 1, content: content('kaapattu') }),
      await call(x, 'library:restore', { id, number: 1, baseRevision: 1 }),
      await call(x, 'library:delete', { id }),
      await call(x, 'library:publish', { id }),
    ].map(errorCode);
    expect(notFound.every((c) => c === 'NOT_FOUND')).toBe(true);
    const found = await ok(x, 'library:list', { q: 'kirjastokissasuunnitelma' });
    expect(found.total).toBe(0);
    expect(JSON.stringify(found)).not.toContain(id);

    await ok(a, 'library:publish', { id });
    const bad = [
      await call(x, 'library:save', { id, baseRevision: -1, content: content('x') }),
      await call(x, 'library:save', { id, baseRevision: 1e300, content: content('x') }),
      await call(x, 'library:restore', { id, number: 0, baseRevision: 1 }),
    ].map(errorCode);
    expect(bad).toEqual(['VALIDATION_ERROR', 'VALIDATION_ERROR', 'VALIDATION_ERROR']);
    expect(errorCode(await call(x, 'library:restore', { id, number: 99, baseRevision: 1 }))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await call(x, 'library:review', { id, revision: 1 }))).toBe('FORBIDDEN');
    expect((await ok(a, 'library:get', { id })).entry.revision).toBe(1);
  });
});
