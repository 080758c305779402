import type { ErrorBody } from '@yhteistyotila/protocol';
import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { httpStatus, toErrorBody } from '../errors.js';

/**
 * A request Express's own layers refused as malformed (body parser, router, static files):
 * http-errors with a 4xx status, e.g. an undecodable percent-escape in a route parameter.
 * That is the client's mistake, not a fault of ours, so it gets a typed 4xx. The error itself
 * is not logged: its message and stack can name files on the server's disk.
 */
function clientError(err: unknown): ErrorBody | undefined {
  const e = err as { type?: unknown; status?: unknown; statusCode?: unknown } | null;
  const status = e?.status ?? e?.statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  if (e?.type === 'entity.parse.failed')
    return { code: 'VALIDATION_ERROR', message: 'malformed JSON' };
  if (status === 413) return { code: 'PAYLOAD_TOO_LARGE', message: 'body too large' };
  if (status === 404) return { code: 'NOT_FOUND', message: 'not found' };
  return { code: 'VALIDATION_ERROR', message: 'malformed request' };
}

/** The one Express error handler: same codes and bodies as socket acks. */
export const errorHandler =
  (app: AppContext) =>
  (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const refused = clientError(err);
    if (refused) {
      app.log.debug({ method: req.method, code: refused.code }, 'malformed request refused');
      res.status(httpStatus(refused.code)).json(refused);
      return;
    }
    const { body, expected } = toErrorBody(err);
    if (!expected) app.log.error({ err, method: req.method, path: req.path }, 'request failed');
    if (body.retryAfter) res.setHeader('Retry-After', String(body.retryAfter));
    res.status(httpStatus(body.code)).json(body);
  };

/** Whatever no route answered: a typed 404 rather than Express's HTML page. */
export const notFoundHandler = (_req: Request, res: Response): void =>
  void res.status(404).json({ code: 'NOT_FOUND', message: 'no such endpoint' });
