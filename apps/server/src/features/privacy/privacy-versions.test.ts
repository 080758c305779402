import { PRIVACY_VERSION_CHANGED, PRIVACY_VERSION_EXISTS } from '@yhteistyotila/protocol';
import { describe, expect, it } from 'vitest';
import { liveRoom } from '../../auth/live-access.js';
import { PrivacyVersionModel } from '../../auth/privacy-version.model.js';
import { SEEDED_PRIVACY_VERSION } from '../../auth/privacy.js';
import { api, applicant } from '../../test/access-helpers.js';
import { useTwoServersOnRedis } from '../../test/clusters.js';
import { createUser } from '../../test/factories.js';
import { collect, type TestServer } from '../../test/harness.js';
import { clientId, connectReady, errorCode, ok } from '../../test/sockets.js';
import { AuditModel } from '../audit/index.js';

/**
 * Privacy-statement versions (issue 11, item 7) on two processes sharing Redis and a database:
 * an admin publishes on one, and everybody's open sockets on both go to the consent state.
 */
const servers = useTwoServersOnRedis();

let serial = 0;
const texts = (label: string) => ({
  fi: `# Tietosuojaseloste ${label}\n\nUusi **suomeksi**.`,
  sv: `# Dataskyddsbeskrivning ${label}\n\nNy **på svenska**.`,
  en: `# Privacy statement ${label}\n\nNew **in English**.`,
});
/** A version id of its own for each publication (ids are dates with a suffix). */
const nextVersion = () => `2099-01-01-t${++serial}`;
const publish = (server: TestServer, cookie: string, body: unknown) =>
  api(server, 'POST', '/privacy/versions', { cookie, body });
const liveSockets = async (server: TestServer, userId: string) =>
  (await server.application.app.io.in(liveRoom(userId)).fetchSockets()).length;
const generalChannel = async (socket: Parameters<typeof ok>[0]) =>
  (await ok(socket, 'conversation:list', {})).conversations.find((c) => c.name === 'yleinen')!.id;

describe('privacy-statement versions', () => {
  it('seeds the file versions once: a second start changes nothing', async () => {
    const { a } = servers;
    const before = await PrivacyVersionModel.findById(SEEDED_PRIVACY_VERSION).lean();
    expect(before).toMatchObject({ source: 'file' });
    expect(before!.texts!.fi).toContain('{{controllerName}}');
    await a.application.app.privacy.load();
    expect(await PrivacyVersionModel.findById(SEEDED_PRIVACY_VERSION).lean()).toEqual(before);
    expect(await PrivacyVersionModel.countDocuments({ source: 'file' })).toBeGreaterThan(0);
  });

  it('refuses non-admins (FORBIDDEN, whatever the body), and stores nothing', async () => {
    const { a } = servers;
    for (const [role, expert] of [
      ['guest', true],
      ['member', false],
      ['member', true],
      ['moderator', false],
    ] as const) {
      const user = await createUser(a.application, { role, expert });
      const good = await publish(a, user.cookie, { version: nextVersion(), texts: texts(role) });
      expect(good.body.code, role).toBe('FORBIDDEN');
      const res = await publish(a, user.cookie, { version: '', texts: {} });
      expect(res.status, role).toBe(403);
      expect(res.body.code, role).toBe('FORBIDDEN');
    }
    const anonymous = await publish(a, '', { version: nextVersion(), texts: texts('anon') });
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    expect(await PrivacyVersionModel.countDocuments({ source: 'admin' })).toBe(0);
    expect(await AuditModel.countDocuments({ action: 'privacy.publish' })).toBe(0);
  });

  it('answers bad input with the field that is wrong: a blank language, a taken or malformed id', async () => {
    const { a } = servers;
    const admin = await createUser(a.application, { role: 'admin' });
    const blank = await publish(a, admin.cookie, {
      version: nextVersion(),
      texts: { ...texts('blank'), sv: '   \n' },
    });
    expect(blank.status).toBe(400);
    expect(blank.body).toMatchObject({
      code: 'VALIDATION_ERROR',
      issues: [{ path: 'texts.sv', code: 'too_small' }],
    });
    const missing = await publish(a, admin.cookie, {
      version: nextVersion(),
      texts: { fi: 'vain suomeksi' },
    });
    expect(missing.body.code).toBe('VALIDATION_ERROR');
    expect(missing.body.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'texts.en',
      'texts.sv',
    ]);
    const malformed = await publish(a, admin.cookie, { version: 'uusin', texts: texts('bad') });
    expect(malformed.body).toMatchObject({
      code: 'VALIDATION_ERROR',
      issues: [{ path: 'version' }],
    });
    const taken = await publish(a, admin.cookie, {
      version: SEEDED_PRIVACY_VERSION,
      texts: texts('taken'),
    });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({
      code: 'CONFLICT',
      issues: [{ path: 'version', code: PRIVACY_VERSION_EXISTS }],
    });
    expect((await PrivacyVersionModel.findById(SEEDED_PRIVACY_VERSION).lean())!.source).toBe(
      'file',
    );
    expect(await AuditModel.countDocuments({ action: 'privacy.publish' })).toBe(0);
  });

  it('publishing on one process sends everyone on both to the consent state; accepting restores them, and the accepted text reads back exactly', async () => {
    const { a, b } = servers;
    const [admin, onA, onB, poster] = await Promise.all([
      createUser(a.application, { role: 'admin', name: 'Aino Admin' }),
      createUser(a.application, { name: 'Antti A', language: 'sv' }),
      createUser(a.application, { name: 'Bea B', language: 'en' }),
      createUser(a.application, { name: 'Pia Postaaja' }),
    ]);
    const socketA = await connectReady(a, onA.cookie);
    const socketB = await connectReady(b, onB.cookie);
    const posterSocket = await connectReady(b, poster.cookie);
    const channelId = await generalChannel(socketB);
    const told = [collect(socketA, 'privacy:published'), collect(socketB, 'privacy:published')];
    const heardOnB = collect(socketB, 'message:created');
    expect(await liveSockets(b, onB.id)).toBe(1);

    const version = nextVersion();
    const published = texts('cluster');
    const res = await publish(a, admin.cookie, { version, texts: published });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version, current: true });
    // Both processes know it the moment publishing answers.
    expect(a.application.app.privacy.current).toBe(version);
    expect(b.application.app.privacy.current).toBe(version);
    expect(await AuditModel.countDocuments({ action: 'privacy.publish', targetId: version })).toBe(
      1,
    );

    await expect
      .poll(() => told.map((t) => t.length), { timeout: 3000, message: 'told to re-consent' })
      .toEqual([1, 1]);
    expect(told[1]![0]).toEqual({ version });
    // Out of their rooms on both processes, not disconnected; the socket's events are refused.
    expect(await liveSockets(a, onA.id)).toBe(0);
    expect(await liveSockets(b, onB.id)).toBe(0);
    expect(socketB.connected).toBe(true);
    const send = { conversationId: channelId, clientId: clientId(), text: 'ennen' };
    expect(errorCode(await socketB.emitWithAck('message:send', send))).toBe('CONSENT_REQUIRED');
    const session = await api(b, 'GET', '/session', { cookie: onB.cookie });
    expect(session.body.user.mustReconsent).toBe(true);

    // The join form reads the new version on either process; the old one is refused.
    expect((await api(b, 'GET', '/privacy?lang=en')).body).toMatchObject({
      version,
      markdown: published.en,
    });
    const stale = await api(b, 'POST', '/join-requests', { body: applicant() });
    expect(stale.body).toMatchObject({
      code: 'CONFLICT',
      issues: [{ path: 'privacyVersion', code: PRIVACY_VERSION_CHANGED }],
    });
    const versions = (await api(a, 'GET', '/privacy/versions')).body.versions;
    expect(versions[0]).toMatchObject({ version, current: true });
    expect(versions.some((v: { version: string }) => v.version === SEEDED_PRIVACY_VERSION)).toBe(
      true,
    );

    // Accepting on process b restores this socket live, without a reconnect.
    const accepted = await api(b, 'POST', '/consent', {
      cookie: onB.cookie,
      body: { version, consent: true, language: 'en' },
    });
    expect(accepted.body.user.mustReconsent).toBe(false);
    expect(await liveSockets(b, onB.id)).toBe(1);
    await api(b, 'POST', '/consent', {
      cookie: poster.cookie,
      body: { version, consent: true },
    });
    const sent = await ok(posterSocket, 'message:send', {
      conversationId: channelId,
      clientId: clientId(),
      text: 'hyväksymisen jälkeen',
    });
    await expect
      .poll(() => heardOnB.some((m) => m.message.id === sent.message.id), { timeout: 3000 })
      .toBe(true);
    expect(await liveSockets(a, onA.id)).toBe(0); // Antti has not accepted yet

    // What Bea accepted reads back exactly, in any language; Antti's is still the older one.
    const mine = await api(a, 'GET', '/me/privacy-consent?lang=sv', { cookie: onB.cookie });
    expect(mine.body.accepted).toMatchObject({ version, language: 'en' });
    expect(mine.body.accepted.statement.markdown).toBe(published.sv);
    const inEnglish = await api(b, 'GET', '/me/privacy-consent', { cookie: onB.cookie });
    expect(inEnglish.body.accepted.statement.markdown).toBe(published.en);
    const older = await api(b, 'GET', `/privacy?lang=fi&version=${SEEDED_PRIVACY_VERSION}`, {
      cookie: onA.cookie,
    });
    expect(older.body.version).toBe(SEEDED_PRIVACY_VERSION);
    expect(older.body.markdown).not.toContain('{{');
  });
});
