import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@yhteistyotila/protocol';
import { AppError } from '../../errors.js';

/** argon2id is @node-rs/argon2's default algorithm; these are OWASP's minimum parameters. */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const COMMON = new Set(
  readFileSync(path.join(import.meta.dirname, 'common-passwords.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith('#')),
);

/** Throws WEAK_PASSWORD for short, overly long, common or single-character passwords. */
export function assertStrongPassword(password: string, personal: string[] = []): void {
  const lower = password.toLowerCase();
  const weak =
    password.length < PASSWORD_MIN_LENGTH ||
    password.length > PASSWORD_MAX_LENGTH ||
    COMMON.has(lower) ||
    new Set(lower).size <= 2 ||
    personal.some((p) => p.length >= 4 && lower.includes(p.toLowerCase()));
  if (weak) throw new AppError('WEAK_PASSWORD', 'password too weak');
}

export const hashPassword = (password: string) => hash(password, OPTIONS);

/** A constant-cost answer for unknown accounts, so timing does not reveal which e-mails exist. */
let dummyHash: Promise<string> | undefined;
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    dummyHash ??= hash('not-a-real-password-0', OPTIONS);
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
