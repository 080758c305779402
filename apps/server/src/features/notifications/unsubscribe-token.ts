import { createHmac, timingSafeEqual } from 'node:crypto';
import { UNSUBSCRIBE_SCOPES, type UnsubscribeScope } from '@yhteistyotila/protocol';
import { AppError } from '../../errors.js';
import { storedSecret } from '../../lib/server-secret.js';

/**
 * The token of a one-click unsubscribe link (RFC 8058): `v1.<person id>.<scope>.<tag>`, the tag
 * an HMAC of the rest under a server secret kept in the database (lib/server-secret.ts), so
 * every process makes and accepts the same links and nobody without the secret can make one
 * for someone else. It never expires (a mail read a year later must still unsubscribe), and it
 * can do one thing only: turn off that person's notification mail.
 */
const VERSION = 'v1';
const TAG_BYTES = 16;
const SECRET_ID = 'unsubscribe-link';

let secret: Promise<string> | undefined;
// Read once per process; a failed read (database down) is tried again at the next use.
const getSecret = () =>
  (secret ??= storedSecret(SECRET_ID).catch((err: unknown) => {
    secret = undefined;
    throw err;
  }));

const tag = (key: string, body: string) =>
  createHmac('sha256', key).update(body).digest().subarray(0, TAG_BYTES).toString('base64url');

export async function unsubscribeToken(userId: string, scope: UnsubscribeScope): Promise<string> {
  const body = `${VERSION}.${userId}.${scope}`;
  return `${body}.${tag(await getSecret(), body)}`;
}

/** The person and scope of a genuine token; TOKEN_INVALID for anything else. */
export async function readUnsubscribeToken(
  token: string,
): Promise<{ userId: string; scope: UnsubscribeScope }> {
  const invalid = () => new AppError('TOKEN_INVALID', 'not an unsubscribe link of this server');
  const parts = token.split('.');
  if (parts.length !== 4) throw invalid();
  const [version, userId, scope, given] = parts as [string, string, string, string];
  if (version !== VERSION || !/^[0-9a-f]{24}$/.test(userId)) throw invalid();
  if (!(UNSUBSCRIBE_SCOPES as readonly string[]).includes(scope)) throw invalid();
  const expected = Buffer.from(tag(await getSecret(), `${version}.${userId}.${scope}`));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw invalid();
  return { userId, scope: scope as UnsubscribeScope };
}
