import { errorBodySchema, type ErrorBody } from '@yhteistyotila/protocol';
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
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Parses the response with the protocol schema; omit for empty responses. */
  schema?: S;
}

/** JSON over same-origin fetch; the session cookie travels automatically. */
export async function api<S extends z.ZodType = z.ZodUnknown>(
  path: string,
  { method = 'GET', body, schema }: RequestOptions<S> = {},
): Promise<z.output<S>> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
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
