import {
  errorBodySchema,
  routePath,
  type HttpMethod,
  type RouteSpec,
} from '@yhteistyotila/protocol';
import type { z } from 'zod';
import { ApiError, send } from './api-fetch.js';

export { ApiError, apiUrl } from './api-fetch.js';

interface RequestOptions<S extends z.ZodType> {
  method?: HttpMethod;
  body?: unknown;
  /** Parses the response with the protocol schema; omit for empty responses. */
  schema?: S;
}

/** JSON over same-origin fetch; the session cookie travels automatically. */
async function api<S extends z.ZodType = z.ZodUnknown>(
  path: string,
  { method = 'GET', body, schema }: RequestOptions<S> = {},
): Promise<z.output<S>> {
  return readAnswer(await send(path, { method, body }), schema);
}

/**
 * An answer's JSON, parsed with `schema` (none for empty answers); an error answer throws its
 * ApiError.
 */
export async function readAnswer<S extends z.ZodType = z.ZodUnknown>(
  res: Response,
  schema?: S,
): Promise<z.output<S>> {
  const text = await res.text();
  const json: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const parsed = errorBodySchema.safeParse(json);
    throw new ApiError(
      parsed.success ? parsed.data : { code: 'INTERNAL', message: res.statusText },
      res.status,
    );
  }
  return (schema ? schema.parse(json) : json) as z.output<S>;
}

type Input<S> = S extends z.ZodType ? z.input<S> : never;
type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a call of a route takes: its body, path parameters and query, each where it has one. */
export interface RouteInput<B, Q> {
  /** Typed by the route's body schema; a POST without one may send {}. */
  body?: B extends z.ZodType ? Input<B> : Record<string, never>;
  params?: Record<string, string>;
  query?: Q extends z.ZodType ? Input<Q> : never;
}

/**
 * Calls a route of the protocol's table: its method and path, its result schema parsing the
 * answer (none for answers without JSON).
 */
export function callRoute<
  B extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  R extends z.ZodType | undefined,
>(spec: RouteSpec<B, Q, R>, input: RouteInput<B, Q> = {}): Promise<Output<R>> {
  const query = input.query
    ? `?${new URLSearchParams(input.query as Record<string, string>).toString()}`
    : '';
  return api(routePath(spec, input.params) + query, {
    method: spec.method,
    body: input.body,
    schema: spec.result,
  }) as Promise<Output<R>>;
}
