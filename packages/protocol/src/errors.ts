import { z } from 'zod';
import { libraryConflictSchema } from './library.js';

/** Stable error codes. The client translates them; `message` is for developers and logs. */
export const ERROR_CODES = [
  'VALIDATION_ERROR',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'PROTOCOL_MISMATCH',
  'ORIGIN_REFUSED',
  'CONSENT_REQUIRED',
  'TOKEN_EXPIRED',
  'TOKEN_USED',
  'TOKEN_INVALID',
  /** A password link sent before the password was changed or reset. */
  'TOKEN_REVOKED',
  'WEAK_PASSWORD',
  'INVALID_CREDENTIALS',
  'UNAVAILABLE',
  /** A DM whose other participants all erased their accounts: nobody can read a reply. */
  'RECIPIENT_DELETED',
  /** A moderator muted the person in this channel; `retryAfter`: seconds until it ends. */
  'MUTED',
  /** A 1:1 DM across a block (either way): the message or the new DM is refused. */
  'BLOCKED',
  /** A library save based on a revision that is no longer current: ErrorBody.conflict says how. */
  'LIBRARY_CONFLICT',
  /** Another expert has taken this question (the question names who). */
  'QUESTION_CLAIMED',
  /** An answered question is not claimed: reopening it makes it open again. */
  'QUESTION_NOT_OPEN',
  /** Only an answered question becomes a library draft. */
  'QUESTION_NOT_ANSWERED',
  // Meetings with experts (experts.ts).
  /** Someone else booked the slot first. */
  'SLOT_TAKEN',
  /** Not a slot the expert offers: outside office hours, in the past, an away day, oneself. */
  'SLOT_UNAVAILABLE',
  'INTERNAL',
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const fieldIssueSchema = z.object({ path: z.string(), code: z.string() });
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const errorBodySchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** Per-field problems for forms (path like "email", code like "too_small"). */
  issues: z.array(fieldIssueSchema).optional(),
  /** Seconds until a rate-limited action may be retried. */
  retryAfter: z.number().optional(),
  /** LIBRARY_CONFLICT: the current revision and the differences, for the editor to merge. */
  conflict: libraryConflictSchema.optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export const ackSchema = <T extends z.ZodType>(data: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: errorBodySchema }),
  ]);

/** HTTP status for each code: one table used by Express and by documentation. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_ERROR: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  PROTOCOL_MISMATCH: 426,
  ORIGIN_REFUSED: 403,
  CONSENT_REQUIRED: 403,
  TOKEN_EXPIRED: 410,
  TOKEN_USED: 410,
  TOKEN_INVALID: 400,
  TOKEN_REVOKED: 410,
  WEAK_PASSWORD: 400,
  INVALID_CREDENTIALS: 401,
  UNAVAILABLE: 503,
  RECIPIENT_DELETED: 403,
  MUTED: 403,
  BLOCKED: 403,
  LIBRARY_CONFLICT: 409,
  QUESTION_CLAIMED: 409,
  QUESTION_NOT_OPEN: 409,
  QUESTION_NOT_ANSWERED: 409,
  SLOT_TAKEN: 409,
  SLOT_UNAVAILABLE: 409,
  INTERNAL: 500,
};
