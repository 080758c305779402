import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { httpStatus, toErrorBody } from '../errors.js';

/** The one Express error handler: same codes and bodies as socket acks. */
export const errorHandler =
  (app: AppContext) =>
  (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const parserError = err as { type?: string; status?: number };
    if (parserError.type === 'entity.too.large') {
      res.status(413).json({ code: 'PAYLOAD_TOO_LARGE', message: 'body too large' });
      return;
    }
    if (parserError.type === 'entity.parse.failed') {
      res.status(400).json({ code: 'VALIDATION_ERROR', message: 'malformed JSON' });
      return;
    }
    const { body, expected } = toErrorBody(err);
    if (!expected) app.log.error({ err, method: req.method, path: req.path }, 'request failed');
    if (body.retryAfter) res.setHeader('Retry-After', String(body.retryAfter));
    res.status(httpStatus(body.code)).json(body);
  };
