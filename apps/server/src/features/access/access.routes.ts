import { accessRoutes as routes, DEFAULT_LANGUAGE, type SignedIn } from '@yhteistyotila/protocol';
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { mountRoute as on } from '../../http/mount-route.js';
import { requireUser } from '../../http/validate.js';
import { createRateLimit } from '../../lib/rate-limit.js';
import { sha256 } from '../../lib/sha256.js';
import {
  changePassword,
  checkCredentials,
  checkFirstAdminToken,
  createFirstAdmin,
  listMySessions,
  passwordTokenInfo,
  reconsent,
  requestPasswordReset,
  revokeMySession,
  setPasswordWithToken,
} from './accounts.service.js';
import { withUserErasedHooks } from './hooks.js';
import { joinRequestStatus, submitJoinRequest, verifyJoinRequest } from './join.service.js';
import {
  deleteMyAccount,
  exportMyDataDownload,
  getProfile,
  updateProfile,
} from './my-data.service.js';
import { restoreLiveAccess } from '../../auth/live-access.js';
import { createSignInThrottle } from './sign-in-throttle.js';
import {
  clearSessionCookie,
  closeSessionSockets,
  endSession,
  presentSessionUser,
  refreshUserSockets,
  replaceSession,
  startSession,
  toAuthUser,
} from '../../auth/sessions.js';
import type { UserDoc } from '../../auth/user.model.js';

const MIN = 60;
const HOUR_S = 3600;

export function accessRoutes(app: AppContext): Router {
  const limit = (name: string, points: number, durationSeconds: number, blockSeconds = 0) =>
    createRateLimit({ name, points, durationSeconds, blockSeconds }, app.redis);
  const limits = {
    joinIp: limit('join-ip', 10, HOUR_S),
    joinEmail: limit('join-email', 3, HOUR_S),
    tokenIp: limit('token-ip', 60, 15 * MIN),
    // The applicant's status page asks again by itself (every 2 s at first, then less often),
    // so its calls have budgets of their own and never use up the links' (token-ip).
    statusToken: limit('status-token', 60, 15 * MIN),
    statusIp: limit('status-ip', 600, 15 * MIN),
    resetIp: limit('reset-ip', 10, HOUR_S),
    resetEmail: limit('reset-email', 3, HOUR_S),
    passwordUser: limit('password-user', 5, 15 * MIN, 15 * MIN),
  };
  const signInThrottle = createSignInThrottle(app);
  const ip = (req: Request) => req.ip ?? 'unknown';
  const userAgent = (req: Request) => String(req.headers['user-agent'] ?? '');

  /**
   * Session rotation: whatever session the browser had ends, a new one starts. The browser is
   * now a trusted device for this address (sign-in-throttle.ts).
   */
  async function signIn(req: Request, res: Response, user: UserDoc): Promise<SignedIn> {
    if (req.auth) await endSession(app, req.auth.session.id, 'signed-out');
    await startSession(app, res, user._id.toHexString(), userAgent(req));
    await signInThrottle.trustDevice(req, res, user.email);
    return { user: presentSessionUser(app, toAuthUser(user)) };
  }

  const router = Router();

  on(app, router, routes.privacy, async ({ req, query }) =>
    app.privacy.statement(
      app.config,
      query().lang ?? req.auth?.user.language ?? DEFAULT_LANGUAGE,
      query().version,
    ),
  );

  // ---- Joining ----
  on(app, router, routes.joinRequest, async ({ req, body }) => {
    await limits.joinIp.consume(ip(req));
    const parsed = body();
    await limits.joinEmail.consume(parsed.email);
    await submitJoinRequest(app, parsed);
    return { status: 'verification-sent' as const };
  });
  on(app, router, routes.verifyJoinRequest, async ({ req, body, facts }) => {
    await limits.tokenIp.consume(ip(req));
    return verifyJoinRequest(facts, body().token);
  });
  on(app, router, routes.joinRequestStatus, async ({ req, body }) => {
    await limits.statusIp.consume(ip(req));
    const { token } = body();
    await limits.statusToken.consume(sha256(token));
    return joinRequestStatus(token);
  });

  // ---- Signing in and passwords ----
  on(app, router, routes.signIn, async ({ req, res, body }) => {
    const parsed = body();
    const attempt = await signInThrottle.begin(req, parsed.email);
    const user = await checkCredentials(parsed.email, parsed.password).catch(async (err) => {
      // A wrong password keeps the point it took; anything else was no guess.
      if (!(err instanceof AppError && err.code === 'INVALID_CREDENTIALS')) await attempt.cancel();
      throw err;
    });
    await attempt.succeeded();
    return signIn(req, res, user);
  });
  on(app, router, routes.signOut, async ({ req, res }) => {
    if (req.auth) await endSession(app, req.auth.session.id, 'signed-out');
    clearSessionCookie(app, res);
  });
  on(app, router, routes.checkPasswordToken, async ({ req, body }) => {
    await limits.tokenIp.consume(ip(req));
    return passwordTokenInfo(body().token);
  });
  on(app, router, routes.setPassword, async ({ req, res, body }) => {
    await limits.tokenIp.consume(ip(req));
    const parsed = body();
    const user = await setPasswordWithToken(app, parsed.token, parsed.password);
    return signIn(req, res, user);
  });
  on(app, router, routes.requestPasswordReset, async ({ req, body }) => {
    await limits.resetIp.consume(ip(req));
    const parsed = body();
    await limits.resetEmail.consume(parsed.email);
    await requestPasswordReset(app, parsed.email, parsed.language);
    return { ok: true as const };
  });
  on(app, router, routes.changePassword, async ({ req, res, body }) => {
    const user = requireUser(req);
    const parsed = body();
    await limits.passwordUser.consume(user.id);
    const oldSessionId = req.auth!.session.id;
    await changePassword(app, user, parsed.currentPassword, parsed.newPassword, oldSessionId);
    // The old cookie stops working before the answer; its sockets are told only once the
    // answer with the new cookie has gone out, so this tab's socket, told 'rotated', reconnects
    // with the new cookie instead of signing the person out.
    await replaceSession(app, res, oldSessionId, user.id, userAgent(req));
    res.on('finish', () => closeSessionSockets(app, oldSessionId, 'rotated'));
    return { user: presentSessionUser(app, user) };
  });

  // ---- Consent and first admin ----
  on(app, router, routes.reconsent, async ({ req, body }) => {
    const user = requireUser(req);
    const parsed = body();
    await reconsent(app, user, parsed.version, parsed.language ?? user.language);
    const fresh = (await refreshUserSockets(app, user.id)) ?? user;
    // The open sockets hear their conversations and show online again, with no reconnect.
    await restoreLiveAccess(app, user.id);
    return { user: presentSessionUser(app, fresh) };
  });
  on(app, router, routes.checkSetupToken, async ({ req, body }) => {
    await limits.tokenIp.consume(ip(req));
    await checkFirstAdminToken(body().token);
    return { valid: true as const };
  });
  on(app, router, routes.setup, async ({ req, res, body }) => {
    await limits.tokenIp.consume(ip(req));
    const user = await createFirstAdmin(app, body());
    return signIn(req, res, user);
  });

  // ---- My sessions and data ----
  on(app, router, routes.mySessions, async ({ req }) => {
    const user = requireUser(req);
    return { sessions: await listMySessions(user.id, req.auth!.session.id) };
  });
  on(app, router, routes.revokeMySession, async ({ req, res }) => {
    const user = requireUser(req);
    const own = await revokeMySession(app, user.id, String(req.params.id), req.auth!.session.id);
    if (own) clearSessionCookie(app, res);
  });
  on(app, router, routes.profile, async ({ req }) => getProfile(requireUser(req).id));
  on(app, router, routes.updateProfile, async ({ req, body }) => {
    const user = requireUser(req);
    return updateProfile(app, user.id, body());
  });
  on(app, router, routes.exportMyData, async ({ req, res }) => {
    const user = requireUser(req);
    const { filename, zip } = await exportMyDataDownload(app, user.id, user.language);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.end(Buffer.from(zip));
  });
  on(app, router, routes.deleteMyAccount, async ({ req, res, body }) => {
    const user = requireUser(req);
    const parsed = body();
    await limits.passwordUser.consume(user.id);
    // Other features hear of the erasure at this call site (conversations: "deleted user" live).
    await withUserErasedHooks(app, user.id, () =>
      deleteMyAccount(app, user, parsed.password, parsed.mode),
    );
    clearSessionCookie(app, res);
  });

  return router;
}
