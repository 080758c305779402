import { createHash } from 'node:crypto';
import {
  changePasswordBodySchema,
  deleteAccountBodySchema,
  firstAdminBodySchema,
  joinRequestBodySchema,
  passwordResetRequestBodySchema,
  privacyQuerySchema,
  profileUpdateBodySchema,
  reconsentBodySchema,
  setPasswordBodySchema,
  signInBodySchema,
  tokenBodySchema,
  DEFAULT_LANGUAGE,
  type SignedIn,
} from '@yhteistyotila/protocol';
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { parseBody, parseQuery, requireUser } from '../../http/validate.js';
import { createRateLimit } from '../../lib/rate-limit.js';
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
import { privacyStatement } from '../../auth/privacy.js';
import { createSignInThrottle } from './sign-in-throttle.js';
import {
  clearSessionCookie,
  endSession,
  presentSessionUser,
  refreshUserSockets,
  startSession,
  toAuthUser,
} from '../../auth/sessions.js';
import type { UserDoc } from '../../auth/user.model.js';

/** Express 5 passes rejected promises to the error handler; this keeps handlers one-liners. */
type Handler = (req: Request, res: Response) => Promise<void>;
const route = (fn: Handler) => (req: Request, res: Response, next: (err?: unknown) => void) =>
  fn(req, res).catch(next);

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
    return { user: presentSessionUser(toAuthUser(user)) };
  }

  const router = Router();

  router.get(
    '/privacy',
    route(async (req, res) => {
      const { lang } = parseQuery(privacyQuerySchema, req);
      res.json(privacyStatement(app.config, lang ?? req.auth?.user.language ?? DEFAULT_LANGUAGE));
    }),
  );

  // ---- Joining ----
  router.post(
    '/join-requests',
    route(async (req, res) => {
      await limits.joinIp.consume(ip(req));
      const body = parseBody(joinRequestBodySchema, req);
      await limits.joinEmail.consume(body.email);
      await submitJoinRequest(app, body);
      res.status(202).json({ status: 'verification-sent' });
    }),
  );
  router.post(
    '/join-requests/verify',
    route(async (req, res) => {
      await limits.tokenIp.consume(ip(req));
      res.json(await verifyJoinRequest(app, parseBody(tokenBodySchema, req).token));
    }),
  );
  router.post(
    '/join-requests/status',
    route(async (req, res) => {
      await limits.statusIp.consume(ip(req));
      const { token } = parseBody(tokenBodySchema, req);
      await limits.statusToken.consume(createHash('sha256').update(token).digest('base64url'));
      res.json(await joinRequestStatus(token));
    }),
  );

  // ---- Signing in and passwords ----
  router.post(
    '/auth/sign-in',
    route(async (req, res) => {
      const body = parseBody(signInBodySchema, req);
      const attempt = await signInThrottle.begin(req, body.email);
      const user = await checkCredentials(body.email, body.password).catch(async (err) => {
        // A wrong password keeps the point it took; anything else was no guess.
        if (!(err instanceof AppError && err.code === 'INVALID_CREDENTIALS'))
          await attempt.cancel();
        throw err;
      });
      await attempt.succeeded();
      res.json(await signIn(req, res, user));
    }),
  );
  router.post(
    '/auth/sign-out',
    route(async (req, res) => {
      if (req.auth) await endSession(app, req.auth.session.id, 'signed-out');
      clearSessionCookie(app, res);
      res.status(204).end();
    }),
  );
  router.post(
    '/auth/password/check-token',
    route(async (req, res) => {
      await limits.tokenIp.consume(ip(req));
      res.json(await passwordTokenInfo(parseBody(tokenBodySchema, req).token));
    }),
  );
  router.post(
    '/auth/password',
    route(async (req, res) => {
      await limits.tokenIp.consume(ip(req));
      const body = parseBody(setPasswordBodySchema, req);
      const user = await setPasswordWithToken(app, body.token, body.password);
      res.json(await signIn(req, res, user));
    }),
  );
  router.post(
    '/auth/password-reset',
    route(async (req, res) => {
      await limits.resetIp.consume(ip(req));
      const body = parseBody(passwordResetRequestBodySchema, req);
      await limits.resetEmail.consume(body.email);
      await requestPasswordReset(app, body.email, body.language);
      res.status(202).json({ ok: true });
    }),
  );
  router.post(
    '/auth/change-password',
    route(async (req, res) => {
      const user = requireUser(req);
      const body = parseBody(changePasswordBodySchema, req);
      await limits.passwordUser.consume(user.id);
      const oldSessionId = req.auth!.session.id;
      await changePassword(app, user, body.currentPassword, body.newPassword, oldSessionId);
      await startSession(app, res, user.id, userAgent(req));
      // The old session ends once the answer with the new cookie has gone out, so this tab's
      // socket, told 'rotated', reconnects with the new cookie instead of signing the person out.
      res.on('finish', () => {
        endSession(app, oldSessionId, 'rotated').catch((err: unknown) =>
          app.log.error({ err }, 'ending the rotated session failed'),
        );
      });
      res.json({ user: presentSessionUser(user) });
    }),
  );

  // ---- Consent and first admin ----
  router.post(
    '/consent',
    route(async (req, res) => {
      const user = requireUser(req);
      const body = parseBody(reconsentBodySchema, req);
      await reconsent(app, user, body.version, body.language ?? user.language);
      const fresh = (await refreshUserSockets(app, user.id)) ?? user;
      // The open sockets hear their conversations and show online again, with no reconnect.
      await restoreLiveAccess(app, user.id);
      res.json({ user: presentSessionUser(fresh) });
    }),
  );
  router.post(
    '/setup/check',
    route(async (req, res) => {
      await limits.tokenIp.consume(ip(req));
      await checkFirstAdminToken(parseBody(tokenBodySchema, req).token);
      res.json({ valid: true });
    }),
  );
  router.post(
    '/setup',
    route(async (req, res) => {
      await limits.tokenIp.consume(ip(req));
      const user = await createFirstAdmin(app, parseBody(firstAdminBodySchema, req));
      res.status(201).json(await signIn(req, res, user));
    }),
  );

  // ---- My sessions and data ----
  router.get(
    '/me/sessions',
    route(async (req, res) => {
      const user = requireUser(req);
      res.json({ sessions: await listMySessions(user.id, req.auth!.session.id) });
    }),
  );
  router.delete(
    '/me/sessions/:id',
    route(async (req, res) => {
      const user = requireUser(req);
      const own = await revokeMySession(app, user.id, String(req.params.id), req.auth!.session.id);
      if (own) clearSessionCookie(app, res);
      res.status(204).end();
    }),
  );
  router.get(
    '/me/profile',
    route(async (req, res) => {
      res.json(await getProfile(requireUser(req).id));
    }),
  );
  router.patch(
    '/me/profile',
    route(async (req, res) => {
      const user = requireUser(req);
      res.json(await updateProfile(app, user.id, parseBody(profileUpdateBodySchema, req)));
    }),
  );
  router.get(
    '/me/export',
    route(async (req, res) => {
      const user = requireUser(req);
      const { filename, zip } = await exportMyDataDownload(app, user.id, user.language);
      res.setHeader('Content-Type', 'application/zip');
      res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
      res.setHeader('Cache-Control', 'no-store');
      res.end(Buffer.from(zip));
    }),
  );
  router.post(
    '/me/delete',
    route(async (req, res) => {
      const user = requireUser(req);
      const body = parseBody(deleteAccountBodySchema, req);
      await limits.passwordUser.consume(user.id);
      // Other features hear of the erasure at this call site (conversations: "deleted user" live).
      await withUserErasedHooks(app, user.id, () =>
        deleteMyAccount(app, user, body.password, body.mode),
      );
      clearSessionCookie(app, res);
      res.status(204).end();
    }),
  );

  return router;
}
