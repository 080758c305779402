import { randomUUID } from 'node:crypto';
import { channelTextFor, type Conversation } from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '../../auth/user.model.js';
import { createUser, type TestUser } from '../../test/factories.js';
import { collect, startTestServer, type TestServer, type TestSocket } from '../../test/harness.js';
import { connectReady, ok } from '../../test/sockets.js';
import { ConversationModel } from './conversation.model.js';
import { seedDefaultChannels } from './default-channels.js';

/*
 * A Swedish-speaking parent in Central Finland: the seeded channels, their categories and their
 * region reach them with the keys that put them in Swedish (the web shows them with
 * channelTextFor), a renamed channel stays as written, and search's `in:` and hits speak the
 * searcher's language.
 */
let server: TestServer;
let sara: TestUser, mod: TestUser;
let s: TestSocket, m: TestSocket;
let mine: Conversation[];
const seen = (c: Conversation) => channelTextFor(c, 'sv');
const byKey = (key: string) => mine.find((c) => c.defaultKey === key)!;

beforeAll(async () => {
  server = await startTestServer();
  sara = await createUser(server.application, { name: 'Sara Sundström', language: 'sv' });
  mod = await createUser(server.application, { role: 'moderator' });
  // Jyväskylä: Keski-Suomi, "Mellersta Finland" in Swedish.
  await UserModel.updateOne({ email: sara.email }, { $set: { municipalityCode: '179' } });
  s = await connectReady(server, sara.cookie);
  m = await connectReady(server, mod.cookie);
  mine = (await ok(s, 'conversation:list', {})).conversations;
});
afterAll(() => server.close());

describe('seeded channels in the reader’s language', () => {
  it('gives a Swedish reader the general channels, the headings and their region in Swedish', () => {
    expect(byKey('yleinen').name).toBe('yleinen');
    expect(seen(byKey('yleinen'))).toEqual({
      name: 'allmänt',
      topic: 'Gemensam diskussion för alla',
      category: 'Allmänt',
    });
    expect(seen(byKey('kysy-asiantuntijalta')).name).toBe('fråga en expert');
    const region = mine.find((c) => c.regionId === 'KS')!;
    expect(region.name).toBe('Keski-Suomi');
    expect(seen(region)).toEqual({
      name: 'Mellersta Finland',
      topic: 'Mellersta Finlands välfärdsområde',
      category: 'Regioner',
    });
    expect(channelTextFor(region, 'en').name).toBe('Central Finland');
    expect(channelTextFor(region, 'fi').name).toBe('Keski-Suomi');
  });

  it('shows a renamed field as written in every language, the others still translated', async () => {
    const coop = (await ok(m, 'channel:browse', {})).channels.find(
      (c) => c.defaultKey === 'yhteistyo-kunnan-kanssa',
    )!;
    const { conversation } = await ok(m, 'channel:update', {
      conversationId: coop.id,
      name: 'kuntayhteistyö',
    });
    expect(conversation.customised).toEqual(['name']);
    expect(channelTextFor(conversation, 'sv')).toEqual({
      name: 'kuntayhteistyö',
      topic: 'Påverkan och samarbete med kommunen och välfärdsområdet',
      category: 'Teman',
    });
    // The topic changed too: from now on it is as written as well.
    const { conversation: again } = await ok(m, 'channel:update', {
      conversationId: coop.id,
      topic: 'Meidän oma aiheemme',
    });
    expect(channelTextFor(again, 'en').topic).toBe('Meidän oma aiheemme');
    expect(channelTextFor(again, 'en').category).toBe('Themes');
  });

  it('finds messages with in: and the channel name in any language, and names hits in the searcher’s', async () => {
    const general = byKey('yleinen');
    const region = mine.find((c) => c.regionId === 'KS')!;
    await ok(s, 'message:send', {
      conversationId: general.id,
      clientId: randomUUID(),
      text: 'Föräldramöte på torsdag',
    });
    await ok(s, 'message:send', {
      conversationId: region.id,
      clientId: randomUUID(),
      text: 'Föräldramöte i Jyväskylä',
    });
    for (const q of [
      'föräldramöte in:allmänt',
      'föräldramöte in:yleinen',
      'föräldramöte in:general',
    ]) {
      const { hits } = await ok(s, 'search:query', { q });
      expect(
        hits.map((h) => h.conversationId),
        q,
      ).toEqual([general.id]);
      expect(hits[0]!.conversationName).toBe('allmänt');
    }
    const regional = await ok(s, 'search:query', { q: 'föräldramöte in:"mellersta finland"' });
    expect(regional.hits.map((h) => h.conversationName)).toEqual(['Mellersta Finland']);
  });

  it('names a mute’s seeded channel in each reader’s language: the muted, the moderator, the ladder', async () => {
    const general = byKey('yleinen');
    const muted = collect(s, 'moderation:muteChanged');
    // The moderator reads Finnish, Sara Swedish, and an English-speaking admin looks on.
    const { mute } = await ok(m, 'moderation:mute', {
      userId: sara.id,
      conversationId: general.id,
      duration: '1h',
      reason: 'Kiihtyi',
    });
    expect(mute.conversationName).toBe('yleinen');
    await expect.poll(() => muted.map((e) => e.mute.conversationName)).toEqual(['allmänt']);
    const mine = await ok(s, 'moderation:mine', {});
    expect(mine.mutes.map((x) => x.conversationName)).toEqual(['allmänt']);
    const admin = await createUser(server.application, { role: 'admin', language: 'en' });
    const a = await connectReady(server, admin.cookie);
    const ladder = await ok(a, 'moderation:person', { userId: sara.id });
    expect(ladder.mutes.map((x) => x.conversationName)).toEqual(['general']);
    expect(ladder.channels.map((c) => c.name)).toEqual(
      expect.arrayContaining(['general', 'ask an expert', 'Central Finland']),
    );
    expect(ladder.channels.map((c) => c.name)).not.toContain('yleinen');
    const { mute: lifted } = await ok(a, 'moderation:liftMute', { muteId: mute.id, reason: 'Ok' });
    expect(lifted.conversationName).toBe('general');
    await expect
      .poll(() => muted.map((e) => e.mute.conversationName))
      .toEqual(['allmänt', 'allmänt']);
    a.disconnect();
  });

  it('gives channels seeded before the keys existed their key, marking fields changed since as written', async () => {
    const doc = await ConversationModel.findOne({ key: 'slug:koulu' }).lean();
    await ConversationModel.updateOne(
      { _id: doc!._id },
      { $set: { defaultKey: null, customised: [], topic: 'Oma aihe' } },
    );
    await seedDefaultChannels();
    const after = await ConversationModel.findById(doc!._id).lean();
    expect(after!.defaultKey).toBe('koulu');
    expect(after!.customised).toEqual(['topic']);
  });
});
