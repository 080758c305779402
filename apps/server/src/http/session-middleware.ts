import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { authenticate, type Authenticated } from '../auth/auth.js';
import { readSessionId } from '../auth/cookies.js';

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
      const hadCookie = Boolean(readSessionId(app.lucia, req.headers.cookie));
      req.auth = await authenticate(app.lucia, app.config, req.headers.cookie);
      if (req.auth?.refreshedCookie) res.append('Set-Cookie', req.auth.refreshedCookie);
      if (!req.auth && hadCookie)
        res.append('Set-Cookie', app.lucia.createBlankSessionCookie().serialize());
      next();
    } catch (err) {
      next(err);
    }
  };
