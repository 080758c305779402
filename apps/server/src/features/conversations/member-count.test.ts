import { describe, expect, it } from 'vitest';
import { api } from '../../test/access-helpers.js';
import { createUser } from '../../test/factories.js';
import { collect, type TestSocket, useTestServer } from '../../test/harness.js';
import { connectReady, ok } from '../../test/sockets.js';
import { MembershipModel } from './conversation.model.js';
import { oid } from '../../db/object-id.js';

/*
 * Issue 9, item 14: in one channel one person's header said 3, the admin's 1 and the members
 * panel 2. Each viewer here keeps the count the way the web does (the summary it was given,
 * then every `memberCount:updated`), and after each change all of them, the members panel's
 * total and the database must agree.
 */

const server = useTestServer();

const PASSWORD = 'jäsenmäärä pysyy oikeana';

/** One screen's idea of the count, fed only by what the server sends (no deltas). */
function viewer(socket: TestSocket, conversationId: string, initial: number | null) {
  const view = { count: initial };
  const added = collect(socket, 'conversation:added');
  const counted = collect(socket, 'memberCount:updated');
  let seenAdded = 0;
  let seenCounted = 0;
  return {
    get count() {
      // Applied in arrival order, as the runtime's listeners do.
      for (; seenAdded < added.length; seenAdded++) {
        const c = added[seenAdded]!.conversation;
        if (c.id === conversationId) view.count = c.memberCount;
      }
      for (; seenCounted < counted.length; seenCounted++) {
        const e = counted[seenCounted]!;
        if (e.conversationId === conversationId) view.count = e.memberCount;
      }
      return view.count;
    },
  };
}

describe('member count', () => {
  it('is the same for every viewer, the members panel and the database after joins, invites, leaves and an erasure', async () => {
    const [admin, bob, carol, dave, erin] = await Promise.all([
      createUser(server.application, { role: 'admin', name: 'Ada Admin' }),
      createUser(server.application, { name: 'Bob Berg' }),
      createUser(server.application, { name: 'Carol Cederberg' }),
      createUser(server.application, { name: 'Dave Dahl' }),
      createUser(server.application, { name: 'Erin Eriksson', password: PASSWORD }),
    ]);
    const [a, b, c, d, e] = await Promise.all([
      connectReady(server, admin.cookie),
      connectReady(server, bob.cookie),
      connectReady(server, carol.cookie),
      connectReady(server, dave.cookie),
      connectReady(server, erin.cookie),
    ]);
    const channel = (
      await ok(a, 'channel:create', { name: `Laskuri ${Math.random()}`, visibility: 'public' })
    ).conversation;
    const id = channel.id;

    // Everyone opens the channel's screen now (members or not yet) and keeps it open.
    const views = new Map<string, ReturnType<typeof viewer>>([
      ['admin', viewer(a, id, channel.memberCount)],
      ['bob', viewer(b, id, null)],
      ['carol', viewer(c, id, null)],
      ['dave', viewer(d, id, null)],
      ['erin', viewer(e, id, null)],
    ]);
    const membersNow = () => MembershipModel.countDocuments({ conversationId: oid(id) });
    const sockets: Record<string, TestSocket> = { admin: a, bob: b, carol: c, dave: d, erin: e };

    async function expectEveryone(who: string[], expected: number) {
      expect(await membersNow()).toBe(expected);
      await expect
        .poll(() => who.every((name) => views.get(name)!.count === expected), {
          timeout: 5000,
          message: `every viewer at ${expected}: ${who.map((n) => `${n}=${views.get(n)!.count}`).join(' ')}`,
        })
        .toBe(true);
      for (const name of who) {
        const socket = sockets[name]!;
        const panel = await ok(socket, 'conversation:members', { conversationId: id });
        expect(panel.total, `${name}'s members panel`).toBe(expected);
        const got = await ok(socket, 'conversation:get', { conversationId: id });
        expect(got.conversation.memberCount, `${name}'s header`).toBe(expected);
      }
    }

    await expectEveryone(['admin'], 1);
    await ok(b, 'channel:join', { conversationId: id });
    await expectEveryone(['admin', 'bob'], 2);
    // Two people invited at once: each used to count the other one more time.
    await ok(a, 'channel:invite', { conversationId: id, userIds: [carol.id, dave.id] });
    await expectEveryone(['admin', 'bob', 'carol', 'dave'], 4);
    await ok(e, 'channel:join', { conversationId: id });
    await expectEveryone(['admin', 'bob', 'carol', 'dave', 'erin'], 5);
    await ok(b, 'channel:leave', { conversationId: id });
    await expectEveryone(['admin', 'carol', 'dave'], 4);

    // An erasure is a leave too, live for everyone still there.
    const res = await api(server, 'POST', '/me/delete', {
      cookie: erin.cookie,
      body: { password: PASSWORD, mode: 'keep-as-deleted-user' },
    });
    expect(res.status).toBe(204);
    await expectEveryone(['admin', 'carol', 'dave'], 3);
    expect(server.contractViolations).toEqual([]);
  });
});
