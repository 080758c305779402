import { randomBytes } from 'node:crypto';
import { oid } from '../../db/object-id.js';
import { claimOnce } from '../../lib/once.js';
import { sha256 } from '../../lib/sha256.js';
import { AppError } from '../../errors.js';
import { TokenModel, type TokenDoc, type TokenPurpose } from './token.model.js';

/** 32 random bytes, URL-safe. Returns the raw token (for the link); only its hash is stored. */
export async function issueToken(
  purpose: TokenPurpose,
  ref: { requestId?: string | null; userId?: string | null },
  ttlMs: number,
  now = new Date(),
): Promise<string> {
  const raw = randomBytes(32).toString('base64url');
  await TokenModel.create({
    hash: sha256(raw),
    purpose,
    requestId: ref.requestId ? oid(ref.requestId) : null,
    userId: ref.userId ? oid(ref.userId) : null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ttlMs),
  });
  return raw;
}

/**
 * Looks a token up without using it; throws TOKEN_INVALID / TOKEN_USED / TOKEN_REVOKED /
 * TOKEN_EXPIRED.
 */
export async function peekToken(
  raw: string,
  purposes: TokenPurpose[],
  now = new Date(),
): Promise<TokenDoc> {
  const doc = await TokenModel.findOne({ hash: sha256(raw) }).lean<TokenDoc>();
  if (!doc || !purposes.includes(doc.purpose)) throw new AppError('TOKEN_INVALID', 'unknown token');
  if (doc.usedAt) throw new AppError('TOKEN_USED', 'token already used');
  if (doc.revokedAt)
    throw new AppError('TOKEN_REVOKED', 'password changed since the link was sent');
  if (doc.expiresAt <= now) throw new AppError('TOKEN_EXPIRED', 'token expired');
  return doc;
}

/**
 * Uses a token exactly once. The winner is decided by a unique-index insert (lib/once.ts):
 * on FerretDB a conditional update alone lets two simultaneous clicks both succeed.
 */
export async function consumeToken(
  raw: string,
  purposes: TokenPurpose[],
  now = new Date(),
): Promise<TokenDoc> {
  const doc = await peekToken(raw, purposes, now); // throws the precise reason
  if (!(await claimOnce(`token:${doc.hash}`, { expiresAt: doc.expiresAt, now }))) {
    throw new AppError('TOKEN_USED', 'token already used');
  }
  await TokenModel.updateOne({ _id: doc._id }, { $set: { usedAt: now } });
  return { ...doc, usedAt: now };
}

/** Ends every unused token of a purpose for a request or user (e.g. a resend replaces the old link). */
export async function revokeTokens(
  purpose: TokenPurpose,
  ref: { requestId?: string; userId?: string },
  now = new Date(),
) {
  const filter: Record<string, unknown> = { purpose, usedAt: null };
  if (ref.requestId) filter.requestId = oid(ref.requestId);
  if (ref.userId) filter.userId = oid(ref.userId);
  await TokenModel.updateMany(filter, { $set: { usedAt: now } });
}

const PASSWORD_LINKS: TokenPurpose[] = ['set-password', 'reset-password'];

/**
 * Voids every password link of a person sent up to `changedAt`: a new password, however it was
 * set, makes older links useless (a link in an old mailbox must not take the account back).
 * The filter is on equality keys and the update the same for every racer, so it needs no
 * atomic compare-and-set (which FerretDB does not give; lib/once.ts).
 */
export async function voidPasswordLinks(userId: string, changedAt: Date): Promise<void> {
  await TokenModel.updateMany(
    {
      userId: oid(userId),
      purpose: { $in: PASSWORD_LINKS },
      createdAt: { $lte: changedAt },
    },
    { $set: { revokedAt: changedAt } },
  );
}
