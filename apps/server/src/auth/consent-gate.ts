import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors.js';
import type { AuthUser } from './auth.js';
import type { AppContext } from '../context.js';

/**
 * The one place that decides what a person who has not accepted the current privacy
 * statement may still do: read it, accept it, sign out, and exercise their rights (see,
 * export or delete their data). Everything else answers CONSENT_REQUIRED, over HTTP
 * (consentGate, mounted after the session middleware) and over sockets (define-handler).
 * What an open socket hears follows the same state: live-access.ts.
 */
const HTTP_ALLOWED = new Set([
  'GET /session',
  'GET /privacy',
  'GET /privacy/versions',
  'GET /me/privacy-consent',
  'POST /consent',
  'POST /auth/sign-out',
  'POST /auth/sign-in',
  'GET /me/profile',
  'GET /me/export',
  'POST /me/delete',
  // Link-driven flows (a stale cookie of someone else must not block them).
  'POST /join-requests',
  'POST /join-requests/verify',
  'POST /join-requests/status',
  'POST /auth/password',
  'POST /auth/password/check-token',
  'POST /auth/password-reset',
  'POST /setup',
  'POST /setup/check',
]);
/** The same, for paths that carry a token (a mail's one-click unsubscribe: turning mail off). */
const HTTP_ALLOWED_PREFIXES = [
  'GET /notifications/unsubscribe/',
  'POST /notifications/unsubscribe/',
];
const SOCKET_ALLOWED = new Set(['session:whoami', 'session:refresh']);

export function assertConsented(app: AppContext, user: AuthUser | null, socketEvent: string): void {
  if (user && app.privacy.mustReconsent(user.consentVersion) && !SOCKET_ALLOWED.has(socketEvent)) {
    throw new AppError('CONSENT_REQUIRED', 'accept the current privacy statement first');
  }
}

export const consentGate =
  (app: AppContext) =>
  (req: Request, _res: Response, next: NextFunction): void => {
    const user = req.auth?.user ?? null;
    if (
      user &&
      app.privacy.mustReconsent(user.consentVersion) &&
      !HTTP_ALLOWED.has(`${req.method} ${req.path}`) &&
      !HTTP_ALLOWED_PREFIXES.some((p) => `${req.method} ${req.path}`.startsWith(p))
    ) {
      return next(new AppError('CONSENT_REQUIRED', 'accept the current privacy statement first'));
    }
    next();
  };
