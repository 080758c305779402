import type { RouteSpec } from '@yhteistyotila/protocol';
import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import type { AppContext } from '../context.js';
import { publishing, type Facts } from '../realtime/facts.js';
import { parseBody, parseQuery } from './validate.js';

type Parsed<S> = S extends z.ZodType ? z.output<S> : never;
/** What a handler answers: the route's result (as sent, so its input type), else nothing. */
type Answer<S> = S extends z.ZodType ? z.input<S> : void;

export interface RouteCall<B, Q> {
  req: Request;
  res: Response;
  /**
   * The body parsed with the route's schema (VALIDATION_ERROR otherwise). A call, not a value,
   * so that a handler decides the order: a rate limit may have to count the attempt first.
   */
  body: () => Parsed<B>;
  query: () => Parsed<Q>;
  /** What the write changed: recorded by services, published once the handler has returned. */
  facts: Facts;
}

/**
 * Mounts a handler on the method and path of its protocol route. The handler returns the
 * answer: sent as JSON with the route's status; undefined is 204 with no body. A handler that
 * wrote the answer itself (a file download) returns nothing. Like defineHandler for sockets, it
 * publishes the facts the handler recorded after the write and before the answer.
 */
export function mountRoute<
  B extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  R extends z.ZodType | undefined,
>(
  app: AppContext,
  router: Router,
  spec: RouteSpec<B, Q, R>,
  handler: (call: RouteCall<B, Q>) => Promise<Answer<R>>,
): void {
  const method = spec.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
  router[method](spec.path, (req: Request, res: Response, next: (err?: unknown) => void) => {
    publishing(app, (facts) =>
      handler({
        req,
        res,
        body: () => parseBody(spec.body as z.ZodType, req) as Parsed<B>,
        query: () => parseQuery(spec.query as z.ZodType, req) as Parsed<Q>,
        facts,
      }),
    )
      .then((answer) => {
        if (res.writableEnded) return;
        if (answer === undefined) res.status(204).end();
        else res.status(spec.status).json(answer);
      })
      .catch(next);
  });
}
