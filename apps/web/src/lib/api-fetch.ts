import { API_PREFIX, type ErrorBody, type HttpMethod } from '@yhteistyotila/protocol';

/*
 * The request half of lib/api.ts, without zod: the landing page asks who is signed in through
 * it (lib/session.ts) and parses nothing when nobody is. Answers are read, and parsed with the
 * protocol's schemas, by lib/api.ts.
 */

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

/** The URL of an API path (a link, e.g. a download, or a fetch). */
export const apiUrl = (path: string): string => `${API_PREFIX}${path}`;

/** Same-origin fetch of an API path, JSON body; the session cookie travels automatically. */
export async function send(
  path: string,
  { method = 'GET', body }: { method?: HttpMethod; body?: unknown } = {},
): Promise<Response> {
  try {
    return await fetch(apiUrl(path), {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ code: 'UNAVAILABLE', message: 'network error' }, 0);
  }
}
