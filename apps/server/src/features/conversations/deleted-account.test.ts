import { describe, expect, it } from 'vitest';
import { api } from '../../test/access-helpers.js';
import type { TestUser } from '../../test/factories.js';
import { collect, useTestServer } from '../../test/harness.js';
import { call, clientId, connectAllReady, createUsers, errorCode, ok } from '../../test/sockets.js';

/*
 * Issue 9, item 15: a DM with a deleted account was titled with the viewer's own name, showed
 * "1 member", still took text, and open screens kept the person's real name until a reload.
 */

const server = useTestServer();

const PASSWORD = 'poistan tilini nyt';

const deleteAccount = (user: TestUser, mode: 'erase' | 'keep-as-deleted-user') =>
  api(server, 'POST', '/me/delete', { cookie: user.cookie, body: { password: PASSWORD, mode } });

describe('a DM with a deleted account', () => {
  it('the other participant’s open socket hears of it at once, and sending there is refused', async () => {
    const [anna, ville] = await createUsers(server, [
      { name: 'Anna Aho' },
      { name: 'Ville Virta', password: PASSWORD },
    ]);
    const [a, v] = await connectAllReady(server, [anna, ville]);
    const dm = (await ok(a, 'dm:open', { userIds: [ville.id] })).conversation;
    const written = await ok(v, 'message:send', {
      conversationId: dm.id,
      clientId: clientId(),
      text: 'Terveisiä Villeltä',
    });
    expect(written.message.author?.name).toBe('Ville Virta');

    const updated = collect(a, 'conversation:updated');
    const counted = collect(a, 'memberCount:updated');
    const left = collect(a, 'member:left');
    const deleted = collect(a, 'user:deleted');
    expect((await deleteAccount(ville, 'keep-as-deleted-user')).status).toBe(204);

    await expect
      .poll(() => deleted.length > 0, { timeout: 5000, message: 'user:deleted' })
      .toBe(true);
    expect(deleted).toEqual([{ userId: ville.id }]);
    // Everything the screen needs had arrived before `user:deleted`.
    expect(left).toContainEqual({ conversationId: dm.id, userId: ville.id });
    const fact = updated.find((u) => u.conversation.id === dm.id)?.conversation;
    expect(fact).toMatchObject({ deletedParticipants: 1, memberCount: 2 });
    expect(fact?.participants.map((p) => p.id)).toEqual([anna.id]);
    expect(counted).toContainEqual({ conversationId: dm.id, memberCount: 2 });

    // The same after a reload: the list, and the members panel's total.
    const summary = (await ok(a, 'conversation:list', {})).conversations.find(
      (c) => c.id === dm.id,
    );
    expect(summary).toMatchObject({ deletedParticipants: 1, memberCount: 2 });
    expect((await ok(a, 'conversation:members', { conversationId: dm.id })).total).toBe(2);
    // Catching up (what the screen does on `user:deleted`) drops the name from the messages.
    const sync = await ok(a, 'conversation:sync', { conversationId: dm.id, sinceChangeSeq: 0 });
    expect(sync.messages.find((m) => m.id === written.message.id)?.author).toBeNull();

    // Nobody would ever read a reply: refused with a stable code, in the thread too.
    const send = await call(a, 'message:send', {
      conversationId: dm.id,
      clientId: clientId(),
      text: 'Oletko vielä täällä?',
    });
    expect(errorCode(send)).toBe('RECIPIENT_DELETED');
    const reply = await call(a, 'message:send', {
      conversationId: dm.id,
      clientId: clientId(),
      text: 'Vastaus ketjuun',
      threadRootId: written.message.id,
    });
    expect(errorCode(reply)).toBe('RECIPIENT_DELETED');
    expect(server.contractViolations).toEqual([]);
  });

  it('a group DM keeps working for the people left, naming the erased one as deleted', async () => {
    const [anna, bertta, ville] = await createUsers(server, [
      { name: 'Anna Ahola' },
      { name: 'Bertta Berg' },
      { name: 'Ville Valo', password: PASSWORD },
    ]);
    const [a, b] = await connectAllReady(server, [anna, bertta, ville]);
    const dm = (await ok(a, 'dm:open', { userIds: [bertta.id, ville.id] })).conversation;
    expect(dm.memberCount).toBe(3);
    const seenByBertta = collect(b, 'conversation:updated');
    expect((await deleteAccount(ville, 'erase')).status).toBe(204);
    await expect
      .poll(() => seenByBertta.some((u) => u.conversation.id === dm.id), {
        timeout: 5000,
        message: 'update',
      })
      .toBe(true);
    expect(seenByBertta.at(-1)?.conversation).toMatchObject({
      deletedParticipants: 1,
      memberCount: 3,
    });
    await ok(a, 'message:send', { conversationId: dm.id, clientId: clientId(), text: 'Hei' });
  });
});
