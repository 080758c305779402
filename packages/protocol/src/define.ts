import type { z } from 'zod';

/**
 * Every event is declared once as data: the payload schema and, for commands, the schema of
 * the ack's data. Typed Socket.IO maps are derived from these specs, and the server, the
 * contract checks and the fuzzers iterate over them.
 */
export interface ClientEventSpec<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  payload: P;
  result: R;
}

export const defineClientEvent = <P extends z.ZodType, R extends z.ZodType>(
  payload: P,
  result: R,
): ClientEventSpec<P, R> => ({ payload, result });

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * Every HTTP route is declared once as data, like the events: method, path (under API_PREFIX,
 * Express syntax, `:name` for a parameter), the schemas of body, query and answer, and the
 * success status. The server mounts its handlers from these specs, the web client calls them,
 * and the fuzzer iterates over them.
 */
export interface RouteSpec<
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType | undefined = z.ZodType | undefined,
> {
  method: HttpMethod;
  path: string;
  body: B;
  query: Q;
  /** The JSON answer; undefined: no JSON (204, or a file the handler writes itself). */
  result: R;
  /** Of a success with a body; an answer without one is always 204. */
  status: 200 | 201 | 202 | 204;
}

export const defineRoute = <
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  R extends z.ZodType | undefined = undefined,
>(spec: {
  method: HttpMethod;
  path: string;
  body?: B;
  query?: Q;
  result?: R;
  status?: 200 | 201 | 202 | 204;
}): RouteSpec<B, Q, R> => ({
  method: spec.method,
  path: spec.path,
  body: spec.body as B,
  query: spec.query as Q,
  result: spec.result as R,
  status: spec.status ?? (spec.result ? 200 : 204),
});
