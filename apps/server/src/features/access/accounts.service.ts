import { RESET_LINK_HOURS, type Language, type MySession } from '@yhteistyotila/protocol';
import type { AppContext } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { DAY, HOUR } from '../../lib/time.js';
import { recordAudit } from '../audit/index.js';
import { sendTemplate } from '../mail/index.js';
import type { AuthUser } from '../../auth/auth.js';
import { recordConsent } from './consent.service.js';
import { oid } from '../../db/object-id.js';
import { assertStrongPassword, hashPassword, verifyPassword } from './passwords.js';
import { SessionModel } from '../../auth/session.model.js';
import { endSession, endUserSessions, publicSessionId, toAuthUser } from '../../auth/sessions.js';
import { consumeToken, issueToken, peekToken, revokeTokens, voidPasswordLinks } from './tokens.js';
import { UserModel, type UserDoc } from '../../auth/user.model.js';

const invalid = () => new AppError('INVALID_CREDENTIALS', 'invalid credentials');

/**
 * One answer for an unknown e-mail, a wrong password, a suspended account, an expired guest
 * and an account without a password yet: nothing tells which addresses have accounts.
 */
export async function checkCredentials(
  email: string,
  password: string,
  now = new Date(),
): Promise<UserDoc> {
  const user = await UserModel.findOne({ email }).lean<UserDoc>();
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok || user.status !== 'active') throw invalid();
  if (user.role === 'guest' && (!user.guestUntil || user.guestUntil <= now)) throw invalid();
  return user;
}

const personalParts = (u: { email: string; name: string }) => [
  u.email.split('@')[0] ?? '',
  ...u.name.split(/\s+/),
];

/** Validates a set-password / reset link without using it (the page shows an error early). */
export async function passwordTokenInfo(token: string) {
  const t = await peekToken(token, ['set-password', 'reset-password']);
  return {
    purpose: t.purpose as 'set-password' | 'reset-password',
    expiresAt: t.expiresAt.toISOString(),
  };
}

/**
 * Sets the password from a mailed link. The link is checked, the password judged, and only
 * then is the link used up, so a refused weak password does not burn it. Every existing
 * session ends (their sockets too), and every other password link of the person is void; the
 * caller starts a new session.
 */
export async function setPasswordWithToken(
  app: AppContext,
  token: string,
  password: string,
  now = new Date(),
): Promise<UserDoc> {
  const peeked = await peekToken(token, ['set-password', 'reset-password']);
  const user = peeked.userId ? await UserModel.findById(peeked.userId).lean<UserDoc>() : null;
  if (!user || user.status !== 'active')
    throw new AppError('TOKEN_INVALID', 'account not available');
  assertStrongPassword(password, personalParts(user));
  const passwordHash = await hashPassword(password);
  const used = await consumeToken(token, ['set-password', 'reset-password']);
  await UserModel.updateOne({ _id: user._id }, { $set: { passwordHash } });
  const userId = user._id.toHexString();
  await voidPasswordLinks(userId, now);
  await endUserSessions(app, userId, 'revoked');
  await recordAudit({
    actorId: userId,
    action: used.purpose === 'set-password' ? 'account.setPassword' : 'account.resetPassword',
    targetType: 'user',
    targetId: userId,
  });
  return { ...user, passwordHash };
}

/** Always the same answer; a mail goes only to an active account. */
export async function requestPasswordReset(
  app: AppContext,
  email: string,
  language?: Language,
): Promise<void> {
  const user = await UserModel.findOne({ email }).lean<UserDoc>();
  if (!user || user.status !== 'active') return;
  const userId = user._id.toHexString();
  const token = await issueToken('reset-password', { userId }, RESET_LINK_HOURS * HOUR);
  await sendTemplate(app, user.email, language ?? user.language, {
    kind: 'password-reset',
    name: user.name,
    link: `${app.config.publicUrl}/salasana/uusi#token=${token}`,
    hours: RESET_LINK_HOURS,
  }).catch((err: unknown) => app.log.error({ err, userId }, 'reset mail failed'));
}

/**
 * Every other device is signed out; the caller's own session is left to the caller, who starts
 * a new one and ends this one once the new cookie is on its way (access.routes.ts).
 */
export async function changePassword(
  app: AppContext,
  user: AuthUser,
  current: string,
  next: string,
  currentSessionId: string,
): Promise<void> {
  const doc = await UserModel.findById(user.id).lean<UserDoc>();
  if (!doc || !(await verifyPassword(doc.passwordHash ?? null, current))) throw invalid();
  assertStrongPassword(next, personalParts(doc));
  const changedAt = new Date();
  await UserModel.updateOne({ _id: doc._id }, { $set: { passwordHash: await hashPassword(next) } });
  await voidPasswordLinks(user.id, changedAt);
  await endUserSessions(app, user.id, 'password-changed', { except: currentSessionId });
  await recordAudit({
    actorId: user.id,
    action: 'account.changePassword',
    targetType: 'user',
    targetId: user.id,
  });
}

export async function listMySessions(
  userId: string,
  currentSessionId: string,
): Promise<MySession[]> {
  const sessions = await SessionModel.find({ userId: oid(userId) })
    .sort({ lastSeenAt: -1 })
    .lean();
  return sessions.map((s) => ({
    id: publicSessionId(s._id),
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    userAgent: s.userAgent ?? '',
    current: s._id === currentSessionId,
  }));
}

/** Returns true when the revoked session was the caller's own. */
export async function revokeMySession(
  app: AppContext,
  userId: string,
  publicId: string,
  currentSessionId: string,
): Promise<boolean> {
  const sessions = await SessionModel.find({ userId: oid(userId) }, { _id: 1 }).lean();
  const target = sessions.find((s) => publicSessionId(s._id) === publicId);
  if (!target) throw notFound();
  await endSession(app, target._id, 'revoked');
  return target._id === currentSessionId;
}

export async function reconsent(
  app: AppContext,
  user: AuthUser,
  version: string,
  language: Language,
): Promise<void> {
  await app.privacy.assertCurrent(version, 'version');
  await recordConsent(app, { userId: user.id }, language, 'reconsent', version);
  await UserModel.updateOne({ _id: oid(user.id) }, { $set: { consentVersion: version } });
}

// ---- First admin ------------------------------------------------------------------------------

const SETUP_TOKEN_MS = 7 * DAY;

/**
 * On an empty installation: a one-time set-up link for the first admin. A new start replaces
 * the previous unused link. Returns null when an admin exists.
 */
export async function issueFirstAdminLink(app: AppContext): Promise<string | null> {
  if (await UserModel.exists({ role: 'admin' })) return null;
  await revokeTokens('first-admin', {});
  const token = await issueToken('first-admin', {}, SETUP_TOKEN_MS);
  return `${app.config.publicUrl}/aloitus#token=${token}`;
}

export async function checkFirstAdminToken(token: string): Promise<void> {
  await peekToken(token, ['first-admin']);
  if (await UserModel.exists({ role: 'admin' }))
    throw new AppError('TOKEN_USED', 'an admin already exists');
}

export async function createFirstAdmin(
  app: AppContext,
  input: { token: string; name: string; email: string; password: string; language: Language },
): Promise<UserDoc> {
  await checkFirstAdminToken(input.token);
  assertStrongPassword(input.password, personalParts(input));
  const passwordHash = await hashPassword(input.password);
  const consentVersion = app.privacy.current;
  await consumeToken(input.token, ['first-admin']);
  const created = await UserModel.create({
    name: input.name,
    email: input.email,
    role: 'admin',
    language: input.language,
    passwordHash,
    consentVersion,
  });
  const userId = created._id.toHexString();
  await recordConsent(app, { userId }, input.language, 'first-admin', consentVersion);
  await recordAudit({
    actorId: userId,
    action: 'account.firstAdmin',
    targetType: 'user',
    targetId: userId,
  });
  return created.toObject() as UserDoc;
}

export { toAuthUser };
