import { randomBytes } from 'node:crypto';
import { personDetailSchema, type AuditEntry } from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateExpertRole } from '../../auth/expert-capability.js';
import { UserModel } from '../../auth/user.model.js';
import { createUser, type TestUser } from '../../test/factories.js';
import {
  collect,
  presenceBarrier,
  startTestServer,
  type TestServer,
  type TestSocket,
} from '../../test/harness.js';
import { call, connectReady, errorCode, ok } from '../../test/sockets.js';
import { AuditModel } from '../audit/index.js';
import { JoinRequestModel } from '../access/join-request.model.js';

/*
 * Issue 11, item 1: the people page's server side (list and filters, a person's page with the
 * e-mail for staff only), the actions on a person with one audit record each, and expertise as
 * a capability beside the role (the start-up migration, a moderator who holds it).
 */

let server: TestServer;
let admin: TestUser, mod: TestUser;
let adminSocket: TestSocket, modSocket: TestSocket;
/** A tag in every name of this file's people, so filters can be checked on them alone. */
const TAG = `Kuutamo${randomBytes(3).toString('hex')}`;

beforeAll(async () => {
  server = await startTestServer();
  [admin, mod] = await Promise.all([
    createUser(server.application, { role: 'admin', name: `${TAG} Ylläpitäjä` }),
    createUser(server.application, { role: 'moderator', name: `${TAG} Moderaattori` }),
  ]);
  [adminSocket, modSocket] = await Promise.all([
    connectReady(server, admin.cookie),
    connectReady(server, mod.cookie),
  ]);
});
afterAll(() => server.close());

const auditFor = (targetId: string) =>
  AuditModel.find({ targetId })
    .sort({ at: 1 })
    .lean<{ action: string; details: object; reason: string | null }[]>();

describe('people:list', () => {
  it('finds people by part of the name and filters by role, capability, status, municipality and county', async () => {
    const [helsinki, espoo, tampere, expert, guest, suspended] = await Promise.all([
      createUser(server.application, { name: `${TAG} Helmi` }),
      createUser(server.application, { name: `${TAG} Esa` }),
      createUser(server.application, { name: `${TAG} Tarja` }),
      createUser(server.application, { name: `${TAG} Eevi`, expert: true }),
      createUser(server.application, { name: `${TAG} Vieras`, role: 'guest' }),
      createUser(server.application, { name: `${TAG} Seppo` }),
    ]);
    await Promise.all([
      UserModel.updateOne({ _id: espoo.id }, { $set: { municipalityCode: '049' } }),
      UserModel.updateOne({ _id: tampere.id }, { $set: { municipalityCode: '837' } }),
      UserModel.updateOne(
        { _id: suspended.id },
        { $set: { status: 'suspended', suspendedReason: 'koe', suspendedAt: new Date() } },
      ),
    ]);
    const names = async (filters: object) => {
      const { people, total } = await ok(modSocket, 'people:list', { query: TAG, ...filters });
      expect(total).toBe(people.length);
      return people.map((p) => p.id).sort();
    };
    const ids = (...users: TestUser[]) => users.map((u) => u.id).sort();

    // Part of a name, any case; everyone of the file's people (staff included).
    expect(await names({})).toEqual(
      ids(admin, mod, helsinki, espoo, tampere, expert, guest, suspended),
    );
    expect(await names({ query: `${TAG.toLowerCase()} HEL` })).toEqual(ids(helsinki));
    expect(await names({ role: 'guest' })).toEqual(ids(guest));
    expect(await names({ role: 'moderator' })).toEqual(ids(mod));
    // The capability: holders (a guest expert included) and everyone else.
    expect(await names({ expert: true })).toEqual(ids(expert, guest));
    expect(await names({ expert: false })).toEqual(
      ids(admin, mod, helsinki, espoo, tampere, suspended),
    );
    expect(await names({ status: 'suspended' })).toEqual(ids(suspended));
    expect(await names({ municipalityCode: '049' })).toEqual(ids(espoo));
    // Espoo is in Western Uusimaa ("LU"), Tampere in Pirkanmaa ("PI"), Helsinki its own.
    expect(await names({ county: 'LU' })).toEqual(ids(espoo));
    expect(await names({ county: 'PI' })).toEqual(ids(tampere));
    expect(await names({ county: 'PI', municipalityCode: '049' })).toEqual([]);
    expect(await names({ role: 'member', status: 'active', municipalityCode: '091' })).toEqual(
      ids(helsinki, expert),
    );
  });

  it('pages by name with a total of every match', async () => {
    const first = await ok(modSocket, 'people:list', { query: TAG, limit: 3 });
    const second = await ok(modSocket, 'people:list', { query: TAG, limit: 3, offset: 3 });
    expect(first.people).toHaveLength(3);
    expect(first.total).toBeGreaterThan(3);
    expect(second.total).toBe(first.total);
    const names = [...first.people, ...second.people].map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(names).size).toBe(names.length);
  });

  it('is for moderators and admins only, and refuses bad filters', async () => {
    const [member, expert] = await Promise.all([
      createUser(server.application),
      createUser(server.application, { expert: true }),
    ]);
    for (const who of [member, expert]) {
      const s = await connectReady(server, who.cookie);
      expect(errorCode(await call(s, 'people:list', {}))).toBe('FORBIDDEN');
      expect(errorCode(await call(s, 'people:get', { userId: admin.id }))).toBe('FORBIDDEN');
      s.disconnect();
    }
    expect(errorCode(await call(modSocket, 'people:list', { limit: 1000 }))).toBe(
      'VALIDATION_ERROR',
    );
    expect(errorCode(await call(modSocket, 'people:list', { role: 'expert' } as never))).toBe(
      'VALIDATION_ERROR',
    );
  });
});

describe("a person's page", () => {
  it('shows the e-mail to moderators and admins, with the suspension reason', async () => {
    const target = await createUser(server.application, { name: `${TAG} Sanna` });
    for (const s of [modSocket, adminSocket]) {
      const { person } = await ok(s, 'people:get', { userId: target.id });
      expect(personDetailSchema.parse(person)).toMatchObject({
        id: target.id,
        email: target.email,
        role: 'member',
        expert: false,
        status: 'active',
        suspension: null,
        municipalityCode: '091',
      });
    }
    await ok(modSocket, 'user:setStatus', {
      userId: target.id,
      status: 'suspended',
      reason: 'Toistuvaa häirintää',
    });
    const { person } = await ok(adminSocket, 'people:get', { userId: target.id });
    expect(person.status).toBe('suspended');
    expect(person.suspension?.reason).toBe('Toistuvaa häirintää');
    expect(errorCode(await call(modSocket, 'people:get', { userId: 'f'.repeat(24) }))).toBe(
      'NOT_FOUND',
    );
  });
});

describe('actions on a person: exactly one audit record each, with the reason', () => {
  it('role, capability, guest end date, ending it, suspension and lifting', async () => {
    const target = await createUser(server.application, { name: `${TAG} Kohde` });
    const targetSocket = await connectReady(server, target.cookie);
    const updates = collect(targetSocket, 'user:updated');

    const given = await ok(modSocket, 'user:setExpert', { userId: target.id, expert: true });
    expect(given.user).toMatchObject({ role: 'member', expert: true });
    // The capability reaches the person's open session at once.
    await expect
      .poll(async () => (await ok(targetSocket, 'session:whoami', {})).user.expert)
      .toBe(true);
    // A moderator gives the capability to people who are not staff; an admin's is admins' call.
    expect(
      errorCode(await call(modSocket, 'user:setExpert', { userId: admin.id, expert: true })),
    ).toBe('FORBIDDEN');
    expect((await ok(modSocket, 'people:get', { userId: admin.id })).person.expert).toBe(false);
    // Asking for what is already so writes nothing.
    await ok(modSocket, 'user:setExpert', { userId: target.id, expert: true });
    await ok(modSocket, 'user:setExpert', { userId: target.id, expert: false });

    const until = new Date(Date.now() + 10 * 86_400_000).toISOString();
    await ok(modSocket, 'user:setRole', { userId: target.id, role: 'guest', guestUntil: until });
    const later = new Date(Date.now() + 20 * 86_400_000).toISOString();
    const extended = await ok(modSocket, 'user:setGuestUntil', {
      userId: target.id,
      guestUntil: later,
    });
    expect(extended.user).toMatchObject({ role: 'guest', expert: true, guestUntil: later });
    expect(
      errorCode(
        await call(modSocket, 'user:setGuestUntil', {
          userId: target.id,
          guestUntil: new Date(Date.now() - 1000).toISOString(),
        }),
      ),
    ).toBe('VALIDATION_ERROR');
    // A guest expert is invited for a while, never for ever.
    expect(
      errorCode(
        await call(modSocket, 'user:setGuestUntil', {
          userId: target.id,
          guestUntil: '9999-12-31T00:00:00.000Z',
        }),
      ),
    ).toBe('VALIDATION_ERROR');
    // A guest expert's capability is theirs until the end date.
    expect(
      errorCode(await call(modSocket, 'user:setExpert', { userId: target.id, expert: false })),
    ).toBe('CONFLICT');

    const revoked = collect(targetSocket, 'session:revoked');
    await ok(modSocket, 'user:endGuest', { userId: target.id });
    await expect.poll(() => targetSocket.connected, { timeout: 3000 }).toBe(false);
    expect(revoked).toEqual([{ reason: 'expired' }]);
    expect(updates.length).toBeGreaterThanOrEqual(3);

    await ok(adminSocket, 'user:setRole', { userId: target.id, role: 'member' });
    await ok(modSocket, 'user:setStatus', {
      userId: target.id,
      status: 'suspended',
      reason: 'Roskapostia',
    });
    await ok(modSocket, 'user:setStatus', {
      userId: target.id,
      status: 'active',
      reason: 'Selvitetty yhdessä',
    });
    expect(
      errorCode(
        await call(modSocket, 'user:setStatus', {
          userId: target.id,
          status: 'suspended',
          reason: '   ',
        }),
      ),
    ).toBe('VALIDATION_ERROR');

    const records = await auditFor(target.id);
    expect(records.map((r) => r.action)).toEqual([
      'user.grantExpert',
      'user.revokeExpert',
      'user.setRole',
      'user.setGuestUntil',
      'user.endGuest',
      'user.setRole',
      'user.suspend',
      'user.reactivate',
    ]);
    expect(records.at(-2)?.reason).toBe('Roskapostia');
    expect(records.at(-1)?.reason).toBe('Selvitetty yhdessä');
    // Staff read the same records through the audit log.
    const { entries } = await ok(modSocket, 'audit:list', { limit: 50 });
    expect(
      entries.filter((e: AuditEntry) => e.targetId === target.id).map((e) => e.action),
    ).toHaveLength(records.length);
    expect(server.contractViolations).toEqual([]);
  });

  it('suspension ends sessions and sockets at once; moderators may not suspend staff', async () => {
    const target = await createUser(server.application);
    const s = await connectReady(server, target.cookie);
    const revoked = collect(s, 'session:revoked');
    await ok(modSocket, 'user:setStatus', {
      userId: target.id,
      status: 'suspended',
      reason: 'Uhkailua',
    });
    await expect.poll(() => s.connected, { timeout: 3000 }).toBe(false);
    expect(revoked).toEqual([{ reason: 'suspended' }]);
    const other = await createUser(server.application, { role: 'moderator' });
    expect(
      errorCode(
        await call(modSocket, 'user:setStatus', {
          userId: other.id,
          status: 'suspended',
          reason: 'Ei saa',
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(await AuditModel.countDocuments({ targetId: other.id })).toBe(0);
    await ok(adminSocket, 'user:setStatus', {
      userId: other.id,
      status: 'suspended',
      reason: 'Ylläpitäjän päätös',
    });
  });
});

describe('expertise is a capability beside the role', () => {
  it('a moderator holding it is listed among the experts online and still decides join requests', async () => {
    const expertMod = await createUser(server.application, {
      role: 'moderator',
      expert: true,
      name: `${TAG} Asiantunteva Moderaattori`,
    });
    const member = await createUser(server.application);
    const m = await connectReady(server, member.cookie);
    const e = await connectReady(server, expertMod.cookie);
    await presenceBarrier(server, m, e);
    await expect
      .poll(async () => (await ok(m, 'presence:experts', {})).experts.map((x) => x.id), {
        timeout: 3000,
      })
      .toContain(expertMod.id);
    const listed = (await ok(m, 'presence:experts', {})).experts.find((x) => x.id === expertMod.id);
    expect(listed).toMatchObject({ role: 'moderator', expert: true, status: 'online' });
    expect((await ok(e, 'session:whoami', {})).user).toMatchObject({
      role: 'moderator',
      expert: true,
    });

    const request = await JoinRequestModel.create({
      name: `${TAG} Hakija`,
      email: `people-${randomBytes(4).toString('hex')}@example.test`,
      municipalityCode: '091',
      language: 'fi',
      status: 'pending',
      createdAt: new Date(),
      verifiedAt: new Date(),
    });
    const id = request._id.toHexString();
    expect((await ok(e, 'joinRequest:list', {})).requests.map((r) => r.id)).toContain(id);
    await ok(e, 'joinRequest:claim', { id });
    const approved = await ok(e, 'joinRequest:approve', { id, role: 'expert', channelIds: [] });
    expect(approved.request.status).toBe('approved');
    // Approved "as an expert": a member holding the capability.
    const created = await UserModel.findById(approved.request.userId).lean();
    expect(created).toMatchObject({ role: 'member', expert: true });
  });

  it('the start-up migration turns the old expert role into the capability, idempotently', async () => {
    const raw = UserModel.collection;
    const stamp = randomBytes(4).toString('hex');
    const base = { language: 'fi', status: 'active', createdAt: new Date(), updatedAt: new Date() };
    const old = await raw.insertMany([
      {
        ...base,
        name: 'Vanha Asiantuntija',
        email: `old-expert-${stamp}@example.test`,
        role: 'expert',
      },
      {
        ...base,
        name: 'Vanha Vieras',
        email: `old-guest-${stamp}@example.test`,
        role: 'guest',
        guestUntil: new Date(Date.now() + 86_400_000),
      },
      { ...base, name: 'Vanha Jäsen', email: `old-member-${stamp}@example.test`, role: 'member' },
    ]);
    const [expertId, guestId, memberId] = Object.values(old.insertedIds);
    const log = { info: () => undefined };
    await migrateExpertRole(log);
    const read = async () =>
      Promise.all(
        [expertId, guestId, memberId].map((_id) =>
          raw.findOne({ _id }, { projection: { role: 1, expert: 1 } }),
        ),
      );
    const after = await read();
    expect(after.map((u) => [u?.role, u?.expert])).toEqual([
      ['member', true],
      ['guest', true],
      ['member', false],
    ]);
    // A second start changes nothing.
    await migrateExpertRole(log);
    expect(await read()).toEqual(after);
    expect(await raw.countDocuments({ role: 'expert' })).toBe(0);
  });
});
