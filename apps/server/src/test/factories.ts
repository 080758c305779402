import { randomBytes } from 'node:crypto';
import type { Role } from '@yhteistyotila/protocol';
import type { Application } from '../app.js';
import { UserModel } from '../auth/user.model.js';
import { hashPassword } from '../features/access/passwords.js';

export interface TestUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  /** Holds the expert capability (a guest expert always does). */
  expert: boolean;
  /** Cookie header value for a fresh session. */
  cookie: string;
}

let counter = 0;

/** An approved, consented, signed-in person of the given role. */
export async function createUser(
  application: Application,
  opts: {
    role?: Role;
    /** The expert capability beside the role (default: only a guest expert holds it). */
    expert?: boolean;
    name?: string;
    guestUntil?: Date | null;
    language?: 'fi' | 'sv' | 'en';
    /** Signs in with this password too (stored as argon2id, like a real account's). */
    password?: string;
  } = {},
): Promise<TestUser> {
  counter += 1;
  const role = opts.role ?? 'member';
  const expert = role === 'guest' || opts.expert === true;
  const name = opts.name ?? `Test ${role}${expert ? ' expert' : ''} ${counter}`;
  const email = `user${counter}-${randomBytes(4).toString('hex')}@example.test`;
  const doc = await UserModel.create({
    name,
    email,
    role,
    expert,
    language: opts.language ?? 'fi',
    guestUntil:
      role === 'guest' ? (opts.guestUntil ?? new Date(Date.now() + 7 * 86_400_000)) : null,
    consentVersion: application.app.privacy.current,
    municipalityCode: '091',
    ...(opts.password ? { passwordHash: await hashPassword(opts.password) } : {}),
  });
  const id = doc._id.toHexString();
  const { lucia } = application.app;
  const session = await lucia.createSession(id, { userAgent: 'vitest' });
  const cookie = `${lucia.sessionCookieName}=${session.id}`;
  return { id, name, email, role, expert, cookie };
}
