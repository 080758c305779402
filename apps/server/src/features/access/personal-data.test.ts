import { personalDataExportSchema } from '@yhteistyotila/protocol';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories.js';
import { collect, type TestServer } from '../../test/harness.js';
import type { SmtpCatcher } from '../../test/smtp-catcher.js';
import {
  api,
  downloadMyData,
  joinAndVerify,
  mailsTo,
  tokenOf,
  startServerWithMail,
  stopServerWithMail,
} from '../../test/access-helpers.js';
import { connectReady } from '../../test/sockets.js';
import { oid } from '../../db/object-id.js';
import { personalDataSources, plainDocs, registerPersonalData } from './personal-data.js';
import { JoinRequestModel } from './join-request.model.js';

let server: TestServer;
let smtp: SmtpCatcher;

/*
 * A stand-in for content another feature owns (messages), registered through the registry's
 * public contract: "keep" detaches the author and keeps the text, "erase" removes it.
 */
const NOTES = 'test_personal_notes';
const notes = () => mongoose.connection.collection(NOTES);
let unregisterNotes: () => void;

beforeAll(async () => {
  ({ server, smtp } = await startServerWithMail());
  unregisterNotes = registerPersonalData({
    collection: NOTES,
    userFields: ['authorId'],
    fields: ['authorId', 'text'],
    about: {
      title: { fi: 'Muistiinpanot', sv: 'Anteckningar', en: 'Notes' },
      holds: { fi: 'Muistiinpanot.', sv: 'Anteckningar.', en: 'Notes.' },
      why: { fi: 'Testi.', sv: 'Test.', en: 'Test.' },
    },
    onErase: 'keep: author removed, text kept; erase: deleted',
    export: async (userId) =>
      plainDocs(
        await notes()
          .find({ authorId: oid(userId) })
          .toArray(),
      ),
    async erase(userId, { mode }) {
      if (mode === 'erase') await notes().deleteMany({ authorId: oid(userId) });
      else
        await notes().updateMany(
          { authorId: oid(userId) },
          { $set: { authorId: null, authorDeleted: true } },
        );
    },
  });
});
afterAll(async () => {
  unregisterNotes();
  await stopServerWithMail({ server, smtp });
});

const PASSWORD = 'omat tiedot turvassa';

/** A real member made the way real members are: join, verify, approval, password. */
async function realMember() {
  const mod = await createUser(server.application, { role: 'moderator' });
  const modSocket = await server.connect({ cookie: mod.cookie });
  const { body } = await joinAndVerify(server, smtp, {
    name: 'Ainutlaatuinen Nimi' + Math.random().toString(36).slice(2, 8),
  });
  const request = await JoinRequestModel.findOne({ email: body.email }).lean();
  const approved = await modSocket.timeout(2000).emitWithAck('joinRequest:approve', {
    id: request!._id.toHexString(),
    role: 'member',
    channelIds: [],
  });
  if (!approved.ok) throw new Error('approve failed');
  const mails = await mailsTo(smtp, body.email, 2);
  const set = await api(server, 'POST', '/auth/password', {
    body: { token: tokenOf(mails[1]!.link), password: PASSWORD },
  });
  modSocket.disconnect();
  return {
    id: approved.data.request.userId!,
    name: body.name,
    email: body.email,
    cookie: set.cookie!,
  };
}

/** Every document of every collection in the test database, as text. */
async function wholeDatabase(): Promise<Array<{ collection: string; text: string }>> {
  const db = mongoose.connection.db!;
  const out: Array<{ collection: string; text: string }> = [];
  for (const c of await db.listCollections().toArray()) {
    for (const doc of await db.collection(c.name).find({}).toArray())
      out.push({ collection: c.name, text: JSON.stringify(doc) });
  }
  return out;
}

describe('download my data', () => {
  it('contains every registered section, the consent records and no secrets', async () => {
    const me = await realMember();
    await notes().insertOne({ authorId: oid(me.id), text: 'oma muistiinpano' });
    const res = await downloadMyData(server, me.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const data = personalDataExportSchema.parse(res.json);
    expect(Object.keys(data.sections).sort()).toEqual(
      personalDataSources()
        .map((s) => s.collection)
        .sort(),
    );
    expect(data.sections.users![0]).toMatchObject({
      name: me.name,
      email: me.email,
      hasPassword: true,
    });
    expect(data.sections.consents).toEqual([
      expect.objectContaining({
        version: expect.any(String),
        textSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        context: 'join-request',
        language: 'fi',
      }),
    ]);
    expect(data.sections.joinrequests![0]).toMatchObject({ email: me.email, status: 'approved' });
    expect(data.sections.sessions).toHaveLength(1);
    expect(data.sections.auditentries!.some((e) => e.action === 'joinRequest.approve')).toBe(true);
    expect(data.sections[NOTES]).toEqual([expect.objectContaining({ text: 'oma muistiinpano' })]);
    const text = JSON.stringify(data) + res.html;
    expect(text).not.toContain('argon2');
    expect(text).not.toContain(me.cookie.split('=')[1]!);
  });

  it("holds a readable page in the person's language: titled sections, names instead of codes", async () => {
    const me = await realMember();
    await api(server, 'PATCH', '/me/profile', {
      cookie: me.cookie,
      body: { language: 'sv', municipalityCode: '179', association: '<b>Hemskolans</b> förening' },
    });
    const res = await downloadMyData(server, me.cookie);
    expect(res.files!.sort()).toEqual([
      expect.stringMatching(/^yhteistyotila-mina-uppgifter-\d{4}-\d{2}-\d{2}\.html$/),
      expect.stringMatching(/^yhteistyotila-mina-uppgifter-\d{4}-\d{2}-\d{2}\.json$/),
    ]);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="yhteistyotila-mina-uppgifter-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    const html = res.html!;
    expect(html).toMatch(/^<!doctype html>\s*<html lang="sv">/);
    // Every registered section has its title and says what it holds and why it is kept.
    for (const source of personalDataSources()) {
      if (source.collection === NOTES) continue;
      expect(html).toContain(`<h2>${source.about.title.sv}</h2>`);
      expect(html).toContain(source.about.why.sv);
    }
    expect(html).toContain('Varför det sparas');
    // Names instead of codes: the municipality, the role, the moderator who approved.
    expect(html).toContain('Jyväskylä');
    expect(html).not.toMatch(/<dd>179<\/dd>/);
    expect(html).toContain('<dd>medlem</dd>');
    expect(html).not.toMatch(/<h2>(auditentries|accesstokens|joinrequests)<\/h2>/);
    const json = personalDataExportSchema.parse(res.json);
    const approval = json.sections.auditentries!.find((e) => e.action === 'joinRequest.approve')!;
    const moderator = await mongoose.connection
      .collection('users')
      .findOne({ _id: oid(approval.actorId as string) });
    expect(html).toContain(moderator!.name as string);
    // What the person wrote is shown as text, never as markup; nothing loads from outside.
    expect(html).toContain('&lt;b&gt;Hemskolans&lt;/b&gt; förening');
    expect(html).not.toMatch(/<script|\ssrc=|href=/i);
  });
});

describe('delete my account', () => {
  it('needs the password, closes the sockets, and leaves no personal data in the database', async () => {
    const me = await realMember();
    await notes().insertOne({ authorId: oid(me.id), text: 'poistettava muistiinpano' });
    // Ready: the connection hook that stores data (auto-joined channels) has finished.
    const socket = await connectReady(server, me.cookie);
    const revoked = collect(socket, 'session:revoked');

    const wrong = await api(server, 'POST', '/me/delete', {
      cookie: me.cookie,
      body: { password: 'ei tämä ole oikea', mode: 'erase' },
    });
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');

    const res = await api(server, 'POST', '/me/delete', {
      cookie: me.cookie,
      body: { password: PASSWORD, mode: 'erase' },
    });
    expect(res.status).toBe(204);
    expect(res.cleared).toBe(true);
    await expect
      .poll(() => !socket.connected, { timeout: 3000, message: 'socket closed' })
      .toBe(true);
    expect(revoked).toEqual([{ reason: 'deleted' }]);

    // Through the registry: no registered field points at the person any more.
    const db = mongoose.connection.db!;
    for (const source of personalDataSources()) {
      for (const field of source.userFields) {
        const left = await db
          .collection(source.collection)
          .countDocuments({ [field]: { $in: [oid(me.id), me.id] } });
        expect(left, `${source.collection}.${field}`).toBe(0);
      }
    }
    // And across the whole database: no id, name or e-mail anywhere, registered or not. The
    // socket connection above let other features (auto-joined channels...) store their data too.
    const traces = (await wholeDatabase()).filter(
      (d) => d.text.includes(me.id) || d.text.includes(me.email) || d.text.includes(me.name),
    );
    const unregistered = [...new Set(traces.map((t) => t.collection))];
    expect(
      unregistered,
      `collections still holding the erased person: register them with registerPersonalData() (docs/personal-data.md)`,
    ).toEqual([]);

    // The consent and audit proof outlives the account under a pseudonym.
    const proof = await db
      .collection('consents')
      .find({ pseudonym: { $regex: '^erased-' } })
      .toArray();
    expect(proof.length).toBeGreaterThanOrEqual(1);
    const audit = await db.collection('auditentries').find({ action: 'account.erase' }).toArray();
    expect(audit.at(-1)).toMatchObject({ actorId: null, actorPseudonym: proof.at(-1)!.pseudonym });

    expect((await api(server, 'GET', '/me/profile', { cookie: me.cookie })).status).toBe(401);
  });

  it('"keep as deleted user" keeps the text of what the person wrote, without the person', async () => {
    const me = await realMember();
    const { insertedId } = await notes().insertOne({
      authorId: oid(me.id),
      text: 'tämä jää talteen',
    });
    const res = await api(server, 'POST', '/me/delete', {
      cookie: me.cookie,
      body: { password: PASSWORD, mode: 'keep-as-deleted-user' },
    });
    expect(res.status).toBe(204);
    const kept = await notes().findOne({ _id: insertedId });
    expect(kept).toMatchObject({ text: 'tämä jää talteen', authorId: null, authorDeleted: true });
    const traces = (await wholeDatabase()).filter(
      (d) => d.text.includes(me.id) || d.text.includes(me.email),
    );
    expect(traces.map((t) => t.collection)).toEqual([]);
  });
});

describe('delete my account, with real messages', () => {
  it('"keep as deleted user" keeps a sent message\'s text; "erase" removes it', async () => {
    const messages = mongoose.connection.collection('messages');
    expect(personalDataSources().some((s) => s.collection === 'messages')).toBe(true);
    const results: Record<string, unknown> = {};
    for (const mode of ['keep-as-deleted-user', 'erase'] as const) {
      const me = await realMember();
      const socket = await server.connect({ cookie: me.cookie });
      // Answered once the first connection's auto-join of the default channels is done.
      const list = await socket.timeout(2000).emitWithAck('conversation:list', {});
      if (!list.ok) throw new Error('conversation:list failed');
      const channel = list.data.conversations[0];
      expect(channel, 'a default channel to write in').toBeDefined();
      const text = `viesti ennen poistoa ${mode}`;
      const sent = await socket.timeout(2000).emitWithAck('message:send', {
        conversationId: channel!.id,
        clientId: crypto.randomUUID(),
        text,
      });
      expect(sent.ok).toBe(true);
      const res = await api(server, 'POST', '/me/delete', {
        cookie: me.cookie,
        body: { password: PASSWORD, mode },
      });
      expect(res.status).toBe(204);
      const stored = await messages.find({ text }).toArray();
      results[mode] = stored.map((m) => ({ text: m.text, authorId: m.authorId }));
      const traces = (await wholeDatabase()).filter(
        (d) => d.text.includes(me.id) || d.text.includes(me.email),
      );
      expect(traces.map((t) => t.collection)).toEqual([]);
    }
    expect(results['keep-as-deleted-user']).toEqual([
      { text: 'viesti ennen poistoa keep-as-deleted-user', authorId: null },
    ]);
    expect(results.erase).toEqual([]);
  });
});

describe('docs/personal-data.md', () => {
  it('names every registered collection', () => {
    const doc = readFileSync(
      path.resolve(import.meta.dirname, '../../../../../docs/personal-data.md'),
      'utf8',
    );
    const missing = personalDataSources()
      .map((s) => s.collection)
      .filter((c) => c !== NOTES && !doc.includes(`| \`${c}\` |`));
    expect(missing).toEqual([]);
  });
});
