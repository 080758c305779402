import { MAX_SEARCH_QUERY_LENGTH } from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../test/factories.js';
import { startTestServer, type TestServer, type TestSocket } from '../../test/harness.js';
import { callRaw, clientId, connectReady, ok } from '../../test/sockets.js';

/*
 * Queries typed to hurt: as long as allowed, odd Unicode, many words and filters, over the
 * socket (and over long-polling in the server-polling project). Each is answered with hits or
 * a stable error code, quickly, and the server goes on answering.
 */
let server: TestServer;
let users: TestUser[];
let sockets: TestSocket[];
let channelId: string;

beforeAll(async () => {
  server = await startTestServer();
  // Searches are rate limited per person: the cases are spread over several.
  users = await Promise.all(
    Array.from({ length: 4 }, (_, i) =>
      createUser(server.application, {
        language: (['fi', 'sv', 'en', 'fi'] as const)[i],
        ...(i === 0 ? { role: 'moderator' as const } : {}),
      }),
    ),
  );
  sockets = await Promise.all(users.map((u) => connectReady(server, u.cookie)));
  channelId = (
    await ok(sockets[0]!, 'channel:create', { name: 'Vihamieliset haut', visibility: 'public' })
  ).conversation.id;
  for (const s of sockets) await ok(s, 'channel:join', { conversationId: channelId });
  await ok(sockets[0]!, 'message:send', {
    conversationId: channelId,
    clientId: clientId(),
    text: 'Päiväkodin vanhempainilta on torstaina, föräldrarna är välkomna.',
  });
});

afterAll(async () => {
  expect(server.contractViolations).toEqual([]);
  await server.close();
});

const at = (max: string, n = MAX_SEARCH_QUERY_LENGTH) => max.repeat(Math.ceil(n / max.length));
const fit = (s: string) => [...s].slice(0, MAX_SEARCH_QUERY_LENGTH).join('').slice(0, 200);

/** Distinct misspelt words of one length, none in a dictionary: each asks for suggestions. */
const misspelt = (length: number, count: number) =>
  Array.from(
    { length: count },
    (_, i) =>
      `${'qxzvkjw'[i % 7]!}${'äöåaeiouy'.repeat(4)}`.slice(0, length - 1) +
      String.fromCharCode(98 + i),
  );

const HOSTILE: [name: string, q: string][] = [
  ['one word as long as allowed', at('a')],
  ['one word of ä as long as allowed', at('ä')],
  ['one word of ö at the Hunspell byte limit', 'ö'.repeat(60)],
  ['a Swedish word over the suggestion limit', 'föräldrarnasmöteskalendrar'.repeat(2)],
  ['six misspelt words of thirty letters', misspelt(30, 6).join(' ')],
  ['twenty misspelt short words', misspelt(9, 20).join(' ')],
  ['words past the limit of ten', 'päiväkoti '.repeat(19).trim()],
  ['astral letters', at('𝔄𝔅𝔆 ', 100)],
  ['combining marks piled up', `a${'\u0308'.repeat(150)} paivakoti`],
  ['zero-width joiners and right-to-left marks', 'päivä\u200dkoti \u202eitokävİäp \u200f'],
  ['lone surrogates', 'päiväkoti \ud800 \udfff koti'],
  ['control characters and NUL', 'päivä\u0000koti \u0007 \u001b[31m'],
  ['regular expression syntax', '.* ^$ (a+)+ [z-a] \\ in:.* from:(a+)+$'],
  ['many in: filters', at('in:a ')],
  ['many from: filters', at('from:@x ')],
  [
    'many dates',
    'after:2026-02-30 before:31.2.2026 after:9999-99-99 before:0000-00-00 after:1.1.1',
  ],
  ['unbalanced quotes', '"päiväkoti in:"yleinen from:"'],
  ['only punctuation', at('!?-–—…')],
  ['emoji and flags', '👨‍👩‍👧‍👦 🇫🇮 päiväkoti 🏳️‍🌈'],
  ['hyphen chains', at('a-')],
  ['digits', at('1234567890')],
  ['Turkish dotted and dotless i', 'İSTANBUL ıi KİRJASTO'],
];

describe('hostile queries', () => {
  it.each(HOSTILE.map(([name, q], i) => [name, q, i] as const))(
    '%s: answered quickly with a valid result',
    async (_name, q, i) => {
      const socket = sockets[i % sockets.length]!;
      const started = Date.now();
      const res = await callRaw(socket, 'search:query', { q: fit(q) });
      const took = Date.now() - started;
      expect(res, JSON.stringify(res).slice(0, 300)).toMatchObject({ ok: true });
      expect(took).toBeLessThan(3000);
    },
  );

  it('refuses a query over the limit with a stable code, and keeps answering', async () => {
    const res = await callRaw(sockets[0]!, 'search:query', {
      q: 'a'.repeat(MAX_SEARCH_QUERY_LENGTH + 1),
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
    for (const payload of [{ q: 42 }, { q: ['a'] }, null, 'päiväkoti', { q: 'a', extra: 1 }])
      expect(await callRaw(sockets[1]!, 'search:query', payload)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_ERROR' },
      });
    const after = await ok(sockets[2]!, 'search:query', { q: 'päiväkoti' });
    expect(after.hits).toHaveLength(1);
  });
});
