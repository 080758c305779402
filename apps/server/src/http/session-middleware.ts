import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { authenticate, type Authenticated } from '../auth/auth.js';
import { decodableCookies } from './cookies.js';

declare module 'express-serve-static-core' {
  interface Request {
    auth: Authenticated | null;
  }
}

/** Resolves the session cookie for /api requests; refreshes or clears the cookie as Lucia says. */
export const sessionMiddleware =
  (app: AppContext) =>
  async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const cookies = decodableCookies(req.headers.cookie);
      const hadCookie = Boolean(app.lucia.readSessionCookie(cookies ?? ''));
      req.auth = await authenticate(app.lucia, app.config, cookies);
      if (req.auth?.refreshedCookie) res.append('Set-Cookie', req.auth.refreshedCookie);
      if (!req.auth && hadCookie)
        res.append('Set-Cookie', app.lucia.createBlankSessionCookie().serialize());
      next();
    } catch (err) {
      next(err);
    }
  };
