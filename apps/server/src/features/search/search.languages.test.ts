import { randomUUID } from 'node:crypto';
import type {
  ClientEventName,
  ClientEventPayload,
  ClientEventResult,
  SearchResult,
} from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageModel } from '../conversations/index.js';
import { createUser, type TestUser } from '../../test/factories.js';
import { startTestServer, type TestServer, type TestSocket } from '../../test/harness.js';

/*
 * Search in three languages, forgiving typing, ranking and the date filter, through the socket
 * as a client sees it. The Finnish inflection cases live in search.test.ts.
 */

let server: TestServer;
let moderator: TestUser;
let aino: TestUser;
let pekka: TestUser;
let outsider: TestUser;
/** Searchers of public channels, one per group of tests: searches are rate limited per person. */
let reader: Record<'swedish' | 'forgiving' | 'ranking' | 'dates', TestUser>;
const sockets = new Map<string, TestSocket>();

async function call<E extends ClientEventName>(
  user: TestUser,
  event: E,
  payload: ClientEventPayload<E>,
): Promise<ClientEventResult<E>> {
  let socket = sockets.get(user.id);
  if (!socket) {
    socket = await server.connect({ cookie: user.cookie });
    sockets.set(user.id, socket);
  }
  const emit = socket.timeout(5000).emitWithAck as unknown as (
    e: E,
    p: unknown,
  ) => Promise<{ ok: boolean; data?: unknown; error?: unknown }>;
  const res = await emit.call(socket.timeout(5000), event, payload);
  if (!res.ok) throw new Error(`${event} failed: ${JSON.stringify(res.error)}`);
  return res.data as ClientEventResult<E>;
}

const search = (user: TestUser, q: string, extra: { limit?: number; before?: string } = {}) =>
  call(user, 'search:query', { q, ...extra });

const labels = new Map<string, string>();
const found = (r: SearchResult) => r.hits.map((h) => labels.get(h.messageId));

async function post(user: TestUser, conversationId: string, label: string, text: string) {
  const { message } = await call(user, 'message:send', {
    conversationId,
    clientId: randomUUID(),
    text,
  });
  labels.set(message.id, label);
  return message;
}

/** Every page of a search, `limit` hits at a time. */
async function allPages(user: TestUser, q: string, limit: number) {
  const pages: (string | undefined)[][] = [];
  let before: string | undefined;
  do {
    const page = await search(user, q, { limit, ...(before ? { before } : {}) });
    pages.push(found(page));
    before = page.nextCursor ?? undefined;
  } while (before && pages.length < 50);
  return pages;
}

let generalId: string;
let privateId: string;
let datesId: string;

beforeAll(async () => {
  server = await startTestServer();
  const app = server.application;
  moderator = await createUser(app, { role: 'moderator', name: 'Maija Meikäläinen' });
  aino = await createUser(app, { name: 'Aino Virtanen', language: 'sv' });
  pekka = await createUser(app, { name: 'Pekka Korhonen' });
  outsider = await createUser(app, { name: 'Ulla Ulkopuolinen' });
  reader = {
    swedish: await createUser(app, { language: 'sv' }),
    forgiving: await createUser(app),
    ranking: await createUser(app, { language: 'en' }),
    dates: await createUser(app),
  };

  generalId = (
    await call(moderator, 'channel:create', { name: 'Kolmella kielellä', visibility: 'public' })
  ).conversation.id;
  datesId = (await call(moderator, 'channel:create', { name: 'Kalenteri', visibility: 'public' }))
    .conversation.id;
  for (const user of [moderator, aino, pekka, outsider]) {
    await call(user, 'channel:join', { conversationId: generalId });
    await call(user, 'channel:join', { conversationId: datesId });
  }
  privateId = (
    await call(aino, 'channel:create', { name: 'Salainen kerho', visibility: 'private' })
  ).conversation.id;
  await call(aino, 'channel:invite', { conversationId: privateId, userIds: [pekka.id] });

  // Oldest first.
  await post(aino, generalId, 'sv-parents', 'Föräldrarna träffas på tisdag.');
  await post(aino, generalId, 'sv-clock', 'Klockan är tio när vi börjar.');
  await post(aino, generalId, 'sv-parent', 'En förälder frågade om klockor.');
  await post(moderator, generalId, 'en-meeting', 'The parents meetings were long.');
  await post(pekka, generalId, 'fi-exact-old', 'Päiväkodin piha on märkä.');
  await post(pekka, generalId, 'fi-inflected', 'Päiväkoti aukeaa elokuussa.');
  await post(pekka, generalId, 'fi-exact-new', 'Päiväkodin juhla on perjantaina.');
  await post(pekka, generalId, 'fi-no-diacritics', 'Kenen vuoro on paivakodin portilla?');
  await post(pekka, generalId, 'summer-compound', 'Kesäleirillä oli hauskaa.');
  await post(pekka, generalId, 'summer-exact-old', 'Kesä tulee pian.');
  await post(pekka, generalId, 'summer-no-diacritics', 'Taas kesa!');
  await post(pekka, generalId, 'summer-inflected', 'Kesän lomat alkavat.');
  await post(pekka, generalId, 'summer-exact-new', 'Kesä on paras.');
  await post(pekka, privateId, 'private-meeting', 'Hallituksen kokous ja Zorblaxin salasana.');

  // The date filter needs messages of known days: set them as if written then.
  const at = async (label: string, text: string, iso: string) => {
    const m = await post(moderator, datesId, label, text);
    await MessageModel.updateOne({ _id: m.id }, { $set: { createdAt: new Date(iso) } });
  };
  await at('oct-15', 'Syysjuhla lokakuussa', '2026-10-15T10:00:00Z');
  // 00:30 on 1 November in Helsinki (UTC+2) is still 31 October in UTC.
  await at('nov-01-early', 'Syysjuhla heti marraskuussa', '2026-10-31T22:30:00Z');
  await at('nov-30-late', 'Syysjuhla marraskuun lopussa', '2026-11-30T21:30:00Z');
  // 00:10 on 1 December in Helsinki.
  await at('dec-01-early', 'Syysjuhla joulukuussa', '2026-11-30T22:10:00Z');
});

afterAll(async () => {
  expect(server.contractViolations).toEqual([]);
  await server.close();
});

describe('Swedish and English inflection', () => {
  it('finds föräldrarna, förälder and föräldrar as one word', async () => {
    for (const q of ['föräldrarna', 'förälder', 'föräldrar', 'Föräldrar'])
      expect(new Set(found(await search(reader.swedish, q))), q).toEqual(
        new Set(['sv-parents', 'sv-parent']),
      );
  });

  it('finds klockan, klocka and klockor as one word', async () => {
    for (const q of ['klockan', 'klocka', 'klockor'])
      expect(new Set(found(await search(reader.swedish, q))), q).toEqual(
        new Set(['sv-clock', 'sv-parent']),
      );
  });

  it('finds English inflections', async () => {
    expect(found(await search(reader.swedish, 'parent meeting'))).toEqual(['en-meeting']);
  });
});

describe('Forgiving typing', () => {
  it('finds words typed without diacritics, and a text typed without them', async () => {
    expect(found(await search(reader.forgiving, 'paivakoti'))).toEqual(
      expect.arrayContaining(['fi-exact-new', 'fi-inflected', 'fi-exact-old']),
    );
    expect(found(await search(reader.forgiving, 'foraldrarna'))).toContain('sv-parents');
    expect(found(await search(reader.forgiving, 'päiväkodin'))).toContain('fi-no-diacritics');
  });

  it('finds a word one edit away, and offers the dictionary word as "did you mean"', async () => {
    const finnish = await search(reader.forgiving, 'päiväkotti');
    expect(found(finnish)).toEqual(expect.arrayContaining(['fi-inflected', 'fi-exact-new']));
    // Voikko's suggestions in its order; "päiväkitti" (a word too) may come first.
    expect(finnish.didYouMean).toEqual(expect.any(String));

    const swedish = await search(reader.forgiving, 'klockn in:"kolmella kielellä"');
    expect(found(swedish)).toContain('sv-clock');
    expect(swedish.didYouMean).toMatch(/^klockan? in:"kolmella kielellä"$/);

    const english = await search(reader.forgiving, 'meetnig');
    expect(found(english)).toEqual(['en-meeting']);
    expect(english.didYouMean).toBe('meeting');

    const diacritics = await search(reader.forgiving, 'paivakoti');
    expect(diacritics.didYouMean).toBe('päiväkoti');
  });

  it('offers nothing when every word is known', async () => {
    expect((await search(reader.forgiving, 'päiväkoti')).didYouMean).toBeNull();
    expect((await search(reader.forgiving, 'klockan')).didYouMean).toBeNull();
  });

  it('never offers a word from a conversation the searcher cannot read', async () => {
    // "Zorblaxin" is in a private channel, one edit from the query; no dictionary knows it.
    for (const user of [outsider, aino, pekka]) {
      const r = await search(user, 'Zorblaxim');
      expect(r.didYouMean, user.name).toBeNull();
    }
    // Outside the channel: the correction of a dictionary word, and no hit from it.
    const r = await search(outsider, 'kokuos');
    expect(r.didYouMean).toBe('kokous');
    expect(r.hits).toEqual([]);
    expect(found(await search(pekka, 'kokuos'))).toEqual(['private-meeting']);
  });
});

describe('Ranking', () => {
  it('puts the word as typed first, then other forms, compound parts and forgiven matches, newest first among equals', async () => {
    expect(found(await search(reader.ranking, 'kesä'))).toEqual([
      'summer-exact-new',
      'summer-exact-old',
      'summer-inflected',
      'summer-compound',
      'summer-no-diacritics',
    ]);
    expect(found(await search(reader.ranking, 'päiväkodin'))).toEqual([
      'fi-exact-new',
      'fi-exact-old',
      'fi-inflected',
      'fi-no-diacritics',
    ]);
    // A text typed without diacritics is not analysed as Finnish: "paivakodin" is found by
    // the same form, not by its base form.
    expect(found(await search(reader.ranking, 'päiväkoti'))).toEqual([
      'fi-inflected',
      'fi-exact-new',
      'fi-exact-old',
    ]);
  });

  it('pages that order with the cursor, each hit once', async () => {
    expect(await allPages(reader.ranking, 'kesä', 2)).toEqual([
      ['summer-exact-new', 'summer-exact-old'],
      ['summer-inflected', 'summer-compound'],
      ['summer-no-diacritics'],
    ]);
  });

  it('refuses a forged cursor', async () => {
    const socket = sockets.get(reader.ranking.id)!;
    const raw = socket.timeout(3000).emitWithAck as unknown as (
      e: string,
      p: unknown,
    ) => Promise<unknown>;
    const id = Buffer.from('0123456789abcdef01234567', 'hex');
    const time = Buffer.alloc(8);
    for (const before of [
      Buffer.from([0x02, 0x07]).toString('base64url'),
      Buffer.from([0x02, 0x01, 0x00]).toString('base64url'),
      Buffer.concat([Buffer.from([0x02, 0x01]), time, id, Buffer.from([0])]).toString('base64url'),
      Buffer.from('not:a:cursor').toString('base64url'),
    ])
      expect(
        await raw.call(socket.timeout(3000), 'search:query', { q: 'koti', before }),
      ).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
  });
});

describe('Date filter', () => {
  it('keeps whole Finnish days between after: and before:, both included', async () => {
    expect(
      found(await search(reader.dates, 'syysjuhla after:2026-11-01 before:2026-11-30')),
    ).toEqual(['nov-30-late', 'nov-01-early']);
    expect(found(await search(reader.dates, 'syysjuhla after:1.12.2026'))).toEqual([
      'dec-01-early',
    ]);
    expect(found(await search(reader.dates, 'syysjuhla before:31.10.2026'))).toEqual(['oct-15']);
  });

  it('works beside in: and from:, and alone', async () => {
    expect(found(await search(reader.dates, 'in:kalenteri from:@Maija after:2026-11-01'))).toEqual([
      'dec-01-early',
      'nov-30-late',
      'nov-01-early',
    ]);
    expect(found(await search(reader.dates, 'before:2026-10-31'))).toEqual(['oct-15']);
  });
});
