import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';

/**
 * Browsers always send Origin on WebSocket handshakes and cross-origin or state-changing
 * requests. A request without one comes from a non-browser client (the load generator); it
 * passes this check but still needs a valid session.
 */
export const isAllowedOrigin = (origin: string | undefined, config: Config): boolean =>
  origin === undefined || config.allowedOrigins.includes(origin);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const originCheck =
  (config: Config) =>
  (req: Request, _res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method) || isAllowedOrigin(req.headers.origin, config)) return next();
    next(new AppError('ORIGIN_REFUSED', 'origin not allowed'));
  };
