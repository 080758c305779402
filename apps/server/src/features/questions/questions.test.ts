import { questionSchema, type Question } from '@yhteistyotila/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createUser, type TestUser } from '../../test/factories.js';
import {
  barrier,
  collect,
  publisherOf,
  type TestSocket,
  useTestServer,
} from '../../test/harness.js';
import { call, clientId, connectReady, errorCode, ok } from '../../test/sockets.js';
import { HOUR } from '../../lib/time.js';
import { LibraryEntryModel, LibraryRevisionModel } from '../library/index.js';
import { escalateQuestions } from './escalation.js';
import { QuestionModel } from './question.model.js';
import { queueOrder } from './queue.service.js';
import { ASK_CHANNEL_KEY } from './questions.service.js';
import { ConversationModel, MembershipModel } from '../conversations/index.js';
import { UserModel } from '../../auth/user.model.js';

const server = useTestServer();
afterEach(() => {
  vi.useRealTimers();
});

interface Person {
  user: TestUser;
  socket: TestSocket;
}
async function person(opts: Parameters<typeof createUser>[1] = {}): Promise<Person> {
  const user = await createUser(server.application, opts);
  return { user, socket: await connectReady(server, user.cookie) };
}
const member = (name?: string) => person(name ? { name } : {});
const expert = (name?: string) => person({ expert: true, ...(name ? { name } : {}) });

const ask = async (
  p: Person,
  visibility: 'open' | 'private',
  text = 'Miten tuen lasta koulun alussa?',
  topic: Question['topic'] = 'school',
) =>
  (
    await ok(p.socket, 'question:ask', {
      clientId: clientId(),
      topic,
      visibility,
      title: `Kysymys ${Math.random().toString(36).slice(2, 8)}`,
      text,
    })
  ).question;
const reply = async (p: Person, id: string, text = 'Tässä vastaus.') =>
  (await ok(p.socket, 'question:reply', { id, clientId: clientId(), text })).reply;

async function askChannelId(): Promise<string> {
  const conv = await ConversationModel.findOne({ key: ASK_CHANNEL_KEY }, { _id: 1 }).lean();
  return String(conv!._id);
}

describe('the life cycle and who may change it', () => {
  it('an open question is a thread in the ask-an-expert channel; peers and experts reply; the asker accepts, reopens', async () => {
    const [asker, peer, anna, other, mod] = await Promise.all([
      member('Aino Asker'),
      member('Pekka Peer'),
      expert('Anna Expert'),
      member('Olli Other'),
      person({ role: 'moderator' }),
    ]);
    const q = await ask(asker, 'open');
    expect(q).toMatchObject({ status: 'open', visibility: 'open', firstTime: true });
    expect(q.thread?.conversationId).toBe(await askChannelId());
    // The root is an ordinary message of the channel, so the channel's readers see it.
    const { messages } = await ok(peer.socket, 'message:history', {
      conversationId: q.thread!.conversationId,
    });
    expect(messages.some((m) => m.id === q.thread!.messageId)).toBe(true);

    const peerReply = await reply(peer, q.id, 'Meillä auttoi aamurutiini.');
    const expertReply = await reply(anna, q.id, 'Asiantuntijana suosittelen...');
    // Replies are the thread's messages.
    const thread = await ok(peer.socket, 'message:history', {
      conversationId: q.thread!.conversationId,
      threadRootId: q.thread!.messageId,
    });
    expect(thread.messages.map((m) => m.id)).toEqual([peerReply.id, expertReply.id]);

    // Only the asker accepts: not a peer, an expert, a moderator.
    for (const p of [peer, anna, other, mod])
      expect(
        errorCode(await call(p.socket, 'question:accept', { id: q.id, replyId: peerReply.id })),
      ).toBe('FORBIDDEN');
    // A peer's reply may be the answer.
    const heard = collect(asker.socket, 'question:updated');
    const accepted = await ok(asker.socket, 'question:accept', { id: q.id, replyId: peerReply.id });
    expect(accepted.question).toMatchObject({ status: 'answered', acceptedReplyId: peerReply.id });
    expect(accepted.question.firstExpertReplyAt).not.toBeNull();
    // A reply of another question is no answer to this one.
    const other2 = await ask(other, 'open');
    const foreign = await reply(peer, other2.id);
    expect(
      errorCode(await call(asker.socket, 'question:accept', { id: q.id, replyId: foreign.id })),
    ).toBe('NOT_FOUND');

    // An expert endorses; members and staff without the capability may not.
    for (const p of [peer, mod])
      expect(
        errorCode(
          await call(p.socket, 'question:endorse', {
            id: q.id,
            replyId: peerReply.id,
            endorse: true,
          }),
        ),
      ).toBe('FORBIDDEN');
    await ok(anna.socket, 'question:endorse', { id: q.id, replyId: peerReply.id, endorse: true });
    await ok(anna.socket, 'question:endorse', { id: q.id, replyId: peerReply.id, endorse: true });
    const { replies } = await ok(asker.socket, 'question:get', { id: q.id });
    expect(replies.find((r) => r.id === peerReply.id)?.endorsedBy.map((p) => p.name)).toEqual([
      'Anna Expert',
    ]);

    for (const p of [peer, anna])
      expect(errorCode(await call(p.socket, 'question:reopen', { id: q.id }))).toBe('FORBIDDEN');
    const reopened = await ok(asker.socket, 'question:reopen', { id: q.id });
    expect(reopened.question).toMatchObject({ status: 'open', acceptedReplyId: null });
    await barrier(server, asker.socket);
    expect(heard.map((h) => h.status)).toContain('answered');
    expect(heard.at(-1)?.status).toBe('open');

    const { questions } = await ok(asker.socket, 'question:mine', {});
    expect(questions.map((x) => x.id)).toEqual([q.id]);
    // The second question of the same asker is no longer their first.
    expect((await ask(asker, 'private')).firstTime).toBe(false);
  });

  it('guests cannot ask; members may not see the queue or the statistics', async () => {
    const guest = await person({ role: 'guest' });
    const m = await member();
    const ask = await call(guest.socket, 'question:ask', {
      clientId: clientId(),
      topic: 'other',
      visibility: 'open',
      title: 'x',
      text: 'y',
    });
    expect(errorCode(ask)).toBe('FORBIDDEN');
    expect(errorCode(await call(m.socket, 'question:queue', {}))).toBe('FORBIDDEN');
    expect(errorCode(await call(m.socket, 'question:stats', {}))).toBe('FORBIDDEN');
  });

  it('a retried ask returns the stored question and posts nothing twice', async () => {
    const asker = await member();
    const input = {
      clientId: clientId(),
      topic: 'wellbeing' as const,
      visibility: 'open' as const,
      title: 'Uni',
      text: 'Lapsi ei nuku',
    };
    const [a, b] = await Promise.all([
      ok(asker.socket, 'question:ask', input),
      ok(asker.socket, 'question:ask', input),
    ]);
    expect(a.question.id).toBe(b.question.id);
    expect(await QuestionModel.countDocuments({ askerId: asker.user.id })).toBe(1);
  });
});

describe('a private question', () => {
  it('is seen by its asker and the experts only: not members, not guest experts, not staff without the capability, in no conversation path', async () => {
    const [asker, anna, peer, mod, admin] = await Promise.all([
      member('Paula Private'),
      expert('Anna Expert'),
      member('Matti Member'),
      person({ role: 'moderator' }),
      person({ role: 'admin' }),
    ]);
    const guest = await person({ role: 'guest' });
    // The guest expert is invited to the ask-an-expert channel: its open questions are theirs.
    await MembershipModel.create({ conversationId: await askChannelId(), userId: guest.user.id });
    const outsiders = [peer, mod, admin, guest];
    const events = outsiders.map((p) => {
      const got: string[] = [];
      p.socket.onAny((event: string, payload: unknown) =>
        got.push(`${event} ${JSON.stringify(payload)}`),
      );
      return got;
    });
    const secret = 'Tyttäreni Salla ujuttelee hammaslääkärissä';
    const q = await ask(asker, 'private', secret, 'wellbeing');
    expect(q.thread).toBeNull();
    const answer = await reply(anna, q.id, 'Yksityinen vastaus asiantuntijalta');

    // The asker and an expert read it.
    expect((await ok(asker.socket, 'question:get', { id: q.id })).replies.map((r) => r.id)).toEqual(
      [answer.id],
    );
    expect((await ok(anna.socket, 'question:queue', {})).questions.map((x) => x.id)).toContain(
      q.id,
    );

    const absent = 'f'.repeat(24);
    for (const p of outsiders) {
      // Answered exactly as a question that does not exist.
      const [hidden, missing] = [
        await call(p.socket, 'question:get', { id: q.id }),
        await call(p.socket, 'question:get', { id: absent }),
      ];
      expect(hidden).toEqual(missing);
      for (const event of ['question:reply', 'question:claim', 'question:accept'] as const) {
        const payload =
          event === 'question:reply'
            ? { id: q.id, clientId: clientId(), text: 'x' }
            : event === 'question:accept'
              ? { id: q.id, replyId: answer.id }
              : { id: q.id };
        expect(errorCode(await call(p.socket, event, payload as never))).toBe('NOT_FOUND');
      }
      const queue = await call(p.socket, 'question:queue', {});
      if (queue.ok) expect(queue.data.questions.map((x) => x.id)).not.toContain(q.id);
      const search = await ok(p.socket, 'search:query', { q: 'hammaslääkärissä' });
      expect(search.hits).toEqual([]);
      const { conversations } = await ok(p.socket, 'conversation:list', {});
      for (const c of conversations) {
        const sync = await ok(p.socket, 'conversation:sync', {
          conversationId: c.id,
          sinceChangeSeq: 0,
        });
        expect(JSON.stringify(sync)).not.toContain('hammaslääkärissä');
      }
    }
    await barrier(server, ...outsiders.map((p) => p.socket));
    for (const got of events)
      expect(got.filter((e) => e.includes(q.id) || e.includes('Salla'))).toEqual([]);
  });
});

describe('the queue', () => {
  it('orders by waiting time, first-time askers first among equals; guest experts see their channels’ open questions only', async () => {
    const now = new Date();
    const doc = (hoursAgo: number, firstTime: boolean, minutes = 0) =>
      ({
        createdAt: new Date(now.getTime() - hoursAgo * HOUR - minutes * 60_000),
        firstTime,
      }) as never;
    const [oldRepeat, newFirst, newRepeatOlder, newRepeat] = [
      doc(30, false),
      doc(2, true, 0),
      doc(2, false, 30),
      doc(1, false),
    ];
    expect(queueOrder([newRepeat, newFirst, oldRepeat, newRepeatOlder], now)).toEqual([
      oldRepeat,
      newFirst,
      newRepeatOlder,
      newRepeat,
    ]);

    const [a1, a2, anna] = await Promise.all([member(), member(), expert()]);
    const first = await ask(a1, 'open');
    const priv = await ask(a2, 'private');
    const { questions } = await ok(anna.socket, 'question:queue', {});
    const ids = questions.map((q) => q.id);
    expect(ids).toEqual(expect.arrayContaining([first.id, priv.id]));
    for (const q of questions) expect(questionSchema.safeParse(q).success).toBe(true);

    const outsider = await person({ role: 'guest' });
    expect(errorCode(await call(outsider.socket, 'question:queue', {}))).toBe('FORBIDDEN');
    const invited = await person({ role: 'guest' });
    await MembershipModel.create({ conversationId: await askChannelId(), userId: invited.user.id });
    const seen = (await ok(invited.socket, 'question:queue', {})).questions.map((q) => q.id);
    expect(seen).toContain(first.id);
    expect(seen).not.toContain(priv.id);
  });

  it('two experts claim at once: one takes it, the other is told; the asker sees who took it, live', async () => {
    const [asker, anna, bertta] = await Promise.all([
      member(),
      expert('Anna Asiantuntija'),
      expert('Bertta Asiantuntija'),
    ]);
    const q = await ask(asker, 'private');
    const heard = collect(asker.socket, 'question:updated');
    const results = await Promise.all([
      call(anna.socket, 'question:claim', { id: q.id }),
      call(bertta.socket, 'question:claim', { id: q.id }),
    ]);
    expect(results.map(errorCode).sort()).toEqual(['OK', 'QUESTION_CLAIMED']);
    const winner = results.find((r) => r.ok)!;
    await barrier(server, asker.socket);
    const name = winner.ok ? winner.data.question.claimedBy?.name : null;
    expect(heard.at(-1)?.claimedBy?.name).toBe(name);
    // The other may not release it; the holder may.
    const [holder, loser] = name === 'Anna Asiantuntija' ? [anna, bertta] : [bertta, anna];
    expect(errorCode(await call(loser.socket, 'question:release', { id: q.id }))).toBe(
      'QUESTION_CLAIMED',
    );
    expect(
      (await ok(holder.socket, 'question:release', { id: q.id })).question.claimedBy,
    ).toBeNull();
    expect((await ok(loser.socket, 'question:claim', { id: q.id })).question.claimedBy?.id).toBe(
      loser.user.id,
    );
  });

  it('is held in memory, and a write by any process shows at the next read', async () => {
    const [asker, anna] = await Promise.all([member(), expert()]);
    const q = await ask(asker, 'open');
    const queue = async () => (await ok(anna.socket, 'question:queue', {})).questions;
    expect((await queue()).map((x) => x.id)).toContain(q.id);
    // As another server process's services would write it: straight through the model.
    await QuestionModel.updateOne(
      { _id: q.id },
      { $set: { status: 'answered', answeredAt: new Date() } },
    );
    expect((await queue()).map((x) => x.id)).not.toContain(q.id);
    await QuestionModel.updateOne({ _id: q.id }, { $set: { status: 'open', answeredAt: null } });
    expect((await queue()).map((x) => x.id)).toContain(q.id);
  });

  it('an answered question is not claimed', async () => {
    const [asker, anna] = await Promise.all([member(), expert()]);
    const q = await ask(asker, 'open');
    const r = await reply(anna, q.id);
    await ok(asker.socket, 'question:accept', { id: q.id, replyId: r.id });
    expect(errorCode(await call(anna.socket, 'question:claim', { id: q.id }))).toBe(
      'QUESTION_NOT_OPEN',
    );
  });
});

describe('escalation', () => {
  it('an unclaimed question escalates once after the configured time, to every expert and the admins, never to members', async () => {
    const [asker, anna, admin, peer, claimed] = await Promise.all([
      member(),
      expert(),
      person({ role: 'admin' }),
      member(),
      member(),
    ]);
    const q = await ask(asker, 'private', 'Odottava kysymys');
    const taken = await ask(claimed, 'open');
    await ok(anna.socket, 'question:claim', { id: taken.id });
    const heard = [anna, admin, peer].map((p) => collect(p.socket, 'question:escalated'));
    const app = server.application.app;
    const asked = new Date(q.createdAt).getTime();

    // The test clock: a minute before the configured time nothing happens.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(asked + app.config.questionEscalationMs - 60_000);
    expect(await escalateQuestions(app, publisherOf(app))).toBe(0);
    vi.setSystemTime(asked + app.config.questionEscalationMs + 1000);
    expect(await escalateQuestions(app, publisherOf(app))).toBeGreaterThanOrEqual(1);
    // Once only.
    expect(await escalateQuestions(app, publisherOf(app))).toBe(0);
    vi.useRealTimers();

    await barrier(server, anna.socket, admin.socket, peer.socket);
    const [toExpert, toAdmin, toPeer] = heard;
    expect(toExpert!.map((e) => e.id)).toContain(q.id);
    expect(toAdmin!.map((e) => e.id)).toContain(q.id);
    // The admin hears what it is about, never its words.
    expect(JSON.stringify(toAdmin)).not.toContain('Odottava');
    expect(toPeer).toEqual([]);
    expect(toExpert!.map((e) => e.id)).not.toContain(taken.id);
    const stored = await QuestionModel.findById(q.id).lean();
    expect(stored?.escalatedAt).not.toBeNull();
  });
});

describe('statistics', () => {
  it('median and p90 minutes to the first expert reply and the share answered, per month and topic, for experts and admins', async () => {
    const [asker, anna, admin, mod] = await Promise.all([
      member(),
      expert(),
      person({ role: 'admin' }),
      person({ role: 'moderator' }),
    ]);
    const q = await ask(asker, 'open', 'Kiusaaminen välitunnilla', 'bullying');
    const r = await reply(anna, q.id);
    await ok(asker.socket, 'question:accept', { id: q.id, replyId: r.id });
    await ask(asker, 'open', 'Toinen kiusaamiskysymys', 'bullying');
    expect(errorCode(await call(mod.socket, 'question:stats', {}))).toBe('FORBIDDEN');
    for (const p of [anna, admin]) {
      const { rows } = await ok(p.socket, 'question:stats', {});
      const row = rows.find((x) => x.topic === 'bullying')!;
      expect(row.asked).toBeGreaterThanOrEqual(2);
      expect(row.answered).toBeGreaterThanOrEqual(1);
      expect(row.medianFirstExpertReplyMinutes).not.toBeNull();
      expect(row.p90FirstExpertReplyMinutes).toBeGreaterThanOrEqual(
        row.medianFirstExpertReplyMinutes!,
      );
    }
  });
});

describe('an answered question to the library', () => {
  it('the asker makes a draft; an expert only with the asker’s consent; one draft per question', async () => {
    const [asker, anna, peer] = await Promise.all([member(), expert(), member()]);
    const q = await ask(asker, 'private', 'Miten puhun lapselle erosta?');
    expect(errorCode(await call(asker.socket, 'question:toLibrary', { id: q.id }))).toBe(
      'QUESTION_NOT_ANSWERED',
    );
    const r = await reply(anna, q.id, 'Kerro rehellisesti ja lapsen kielellä.');
    await ok(asker.socket, 'question:accept', { id: q.id, replyId: r.id });
    expect(errorCode(await call(anna.socket, 'question:toLibrary', { id: q.id }))).toBe(
      'FORBIDDEN',
    );
    expect(
      errorCode(await call(peer.socket, 'question:libraryConsent', { id: q.id, consent: true })),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(await call(anna.socket, 'question:libraryConsent', { id: q.id, consent: true })),
    ).toBe('FORBIDDEN');
    await ok(asker.socket, 'question:libraryConsent', { id: q.id, consent: true });
    const [x, y] = await Promise.all([
      call(anna.socket, 'question:toLibrary', { id: q.id }),
      call(anna.socket, 'question:toLibrary', { id: q.id }),
    ]);
    const made = [x, y].filter((res) => res.ok);
    expect(made.length).toBeGreaterThanOrEqual(1);
    const entryId = made[0]!.ok ? made[0]!.data.entryId : '';
    const entry = await LibraryEntryModel.findById(entryId).lean();
    expect(entry?.status).toBe('draft');
    expect(String(entry?.authorId)).toBe(anna.user.id);
    const revision = await LibraryRevisionModel.findOne({ entryId, number: 1 }).lean();
    expect(revision?.body).toContain('Miten puhun lapselle erosta?');
    expect(revision?.body).toContain('Kerro rehellisesti');
    expect(revision?.body).toContain(`/kysymykset/${q.id}`);
    expect(await LibraryEntryModel.countDocuments({ title: q.title })).toBe(1);
    // Asked again: the same draft.
    expect((await ok(asker.socket, 'question:toLibrary', { id: q.id })).entryId).toBe(entryId);
  });
});

describe('guest experts', () => {
  it('a moderator invites an outside expert by e-mail into chosen channels until an end date; members may not', async () => {
    const [mod, m, asker] = await Promise.all([
      person({ role: 'moderator', name: 'Mona Moderaattori' }),
      member(),
      member(),
    ]);
    const channelId = await askChannelId();
    const q = await ask(asker, 'open');
    const guestUntil = new Date(Date.now() + 14 * 86_400_000).toISOString();
    const input = {
      name: 'Ville Vierailija',
      email: `vieras-${Date.now()}@example.test`,
      language: 'fi' as const,
      organisation: 'Lastensuojelun Keskusliitto',
      channelIds: [channelId],
      guestUntil,
    };
    expect(errorCode(await call(m.socket, 'guest:invite', input))).toBe('FORBIDDEN');
    const heard = collect(asker.socket, 'message:created');
    const { userId } = await ok(mod.socket, 'guest:invite', input);
    const guest = await UserModel.findById(userId).lean();
    expect(guest).toMatchObject({ role: 'guest', expert: true, association: input.organisation });
    expect(guest?.guestUntil?.toISOString()).toBe(guestUntil);
    expect(await MembershipModel.exists({ conversationId: channelId, userId })).not.toBeNull();
    // The channel is told, with the guest's name and end date.
    await barrier(server, asker.socket);
    expect(heard.map((h) => h.message.text).join('\n')).toContain(
      'Vieraileva asiantuntija **Ville Vierailija**',
    );
    // Invited twice: refused.
    expect(errorCode(await call(mod.socket, 'guest:invite', input))).toBe('CONFLICT');
    // Signed in, the guest sees the open questions of their channel.
    const { application } = server;
    const session = await application.app.lucia.createSession(userId, { userAgent: 'vitest' });
    await UserModel.updateOne(
      { _id: userId },
      { $set: { consentVersion: application.app.privacy.current } },
    );
    const guestSocket = await connectReady(
      server,
      `${application.app.lucia.sessionCookieName}=${session.id}`,
    );
    const seen = (await ok(guestSocket, 'question:queue', {})).questions.map((x) => x.id);
    expect(seen).toContain(q.id);
  });
});
