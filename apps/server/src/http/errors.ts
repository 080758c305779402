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

/** Errors of the connection, not of the request: the client went away or wrote non-HTTP. */
const CONNECTION_ERRORS = new Set([
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/**
 * A connection that broke under a request: bytes that are not HTTP after it on a kept-alive
 * connection (Node's parser error reaches the handler still sending the answer), or a client
 * gone. Nobody to answer and nothing of ours to fix; and the parser's error carries the raw
 * bytes it received, session cookie included, so it must never be logged as it is.
 */
const connectionBroken = (err: unknown, req: Request): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  // A reset on the way to the database or the mail server is ours: only this request's own
  // connection counts.
  return code.startsWith('HPE_') || (CONNECTION_ERRORS.has(code) && req.socket.destroyed);
};

/** The one Express error handler: same codes and bodies as socket acks. */
export const errorHandler =
  (app: AppContext) =>
  (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (connectionBroken(err, req)) {
      app.log.debug(
        { method: req.method, code: (err as { code: string }).code },
        'connection broke',
      );
      res.destroy();
      return;
    }
    const refused = clientError(err);
    if (refused) {
      app.log.debug({ method: req.method, code: refused.code }, 'malformed request refused');
      res.status(httpStatus(refused.code)).json(refused);
      return;
    }
    const { body, expected } = toErrorBody(err);
    // A token in a path (a mail's unsubscribe link) is cut out: logs hold no tokens.
    if (!expected) {
      const path = req.path.replace(/(\/unsubscribe\/)[^/]*/, '$1…');
      app.log.error({ err, method: req.method, path }, 'request failed');
    }
    // Too late for an error answer: end the connection, so the client sees it cut short.
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (body.retryAfter) res.setHeader('Retry-After', String(body.retryAfter));
    res.status(httpStatus(body.code)).json(body);
  };

/** Whatever no route answered: a typed 404 rather than Express's HTML page. */
export const notFoundHandler = (_req: Request, res: Response): void =>
  void res.status(404).json({ code: 'NOT_FOUND', message: 'no such endpoint' });
