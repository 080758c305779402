import {
  API_PREFIX,
  errorBodySchema,
  routePath,
  type ErrorBody,
  type HttpMethod,
  type RouteSpec,
} from '@yhteistyotila/protocol';
import type { z } from 'zod';

/** An error the server answered with (stable code) or a network failure (code UNAVAILABLE). */
export class ApiError extends Error {
  constructor(
    readonly body: ErrorBody,
    readonly status: number,
  ) {
    super(body.message);
  }
  get code() {
    return this.body.code;
  }
}

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
  let res: Response;
  try {
    res = await fetch(apiUrl(path), {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ code: 'UNAVAILABLE', message: 'network error' }, 0);
  }
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

/** The URL of an API path (a link, e.g. a download, or a fetch). */
export const apiUrl = (path: string): string => `${API_PREFIX}${path}`;

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
