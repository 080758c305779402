import { z } from 'zod';
import { emptySchema, idSchema, isoDateSchema, languageSchema } from './common.js';
import { defineClientEvent, defineRoute } from './define.js';
import { municipalityCodeSchema } from './regions.js';
import { roleSchema } from './roles.js';
import { sessionUserSchema } from './session.js';

/*
 * Joining and access: join requests, consent, accounts, sessions, roles, personal data.
 *
 * HTTP: `accessRoutes` below (all under API_PREFIX, JSON; errors are `errorBodySchema` with the
 * status from HTTP_STATUS).
 *
 * Tokens travel in URL fragments (`#token=...`); the page POSTs them here.
 */

// ---- Shared limits -------------------------------------------------------------------------

export const NAME_MAX = 100;
export const EMAIL_MAX = 254;
export const ASSOCIATION_MAX = 200;
export const PARENT_ROLE_MAX = 200;
export const MOTIVATION_MAX = 1000;
export const INTRODUCTION_MAX = 500;
export const DEFAULT_TIME_ZONE = 'Europe/Helsinki';
export const PASSWORD_MIN_LENGTH = 10;
/** argon2 cost grows with input; nobody needs a longer password than this. */
export const PASSWORD_MAX_LENGTH = 256;
export const REJECT_MESSAGE_MAX = 1000;
export const TOKEN_MAX = 200;
/** A reason written by staff (suspending, lifting): kept in the audit log and on the person. */
export const STAFF_REASON_MAX = 1000;
export const staffReasonSchema = z.string().trim().min(1).max(STAFF_REASON_MAX);

/** Hours a link stays valid. */
export const VERIFY_LINK_HOURS = 24;
export const SET_PASSWORD_LINK_HOURS = 72;
export const RESET_LINK_HOURS = 2;

const trimmed = (max: number) => z.string().trim().max(max);
const nameSchema = z.string().trim().min(1).max(NAME_MAX);
export const emailSchema = z.string().trim().toLowerCase().max(EMAIL_MAX).pipe(z.email());
/** Length only: the server also refuses the most common passwords with WEAK_PASSWORD. */
export const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);
export const tokenSchema = z.string().min(10).max(TOKEN_MAX);

export const tokenBodySchema = z.object({ token: tokenSchema });
export type TokenBody = z.infer<typeof tokenBodySchema>;
export const acceptedSchema = z.object({ ok: z.literal(true) });

// ---- Privacy statement ---------------------------------------------------------------------

export const privacyQuerySchema = z.object({
  lang: languageSchema.optional(),
  /** An earlier version (GET /privacy/versions); the one in force by default. */
  version: z.string().min(1).max(50).optional(),
});

export const privacyStatementSchema = z.object({
  /** Date-like version id, e.g. "2026-11-23". The newest version is in force. */
  version: z.string(),
  language: languageSchema,
  /** The statement as Markdown (safe subset; no raw HTML). */
  markdown: z.string(),
  controller: z.object({ name: z.string(), contact: z.string() }),
});
export type PrivacyStatement = z.infer<typeof privacyStatementSchema>;

export { JOIN_REJECTED_WAIT, PRIVACY_VERSION_CHANGED } from './access-codes.js';

export const reconsentBodySchema = z.object({
  /** The version the person read; must be the current one (else CONFLICT: reload it). */
  version: z.string().min(1).max(50),
  consent: z.literal(true),
  language: languageSchema.optional(),
});
export type ReconsentBody = z.infer<typeof reconsentBodySchema>;

// ---- Join requests -------------------------------------------------------------------------

export const joinRequestBodySchema = z.object({
  name: nameSchema,
  email: emailSchema,
  municipalityCode: municipalityCodeSchema,
  association: trimmed(ASSOCIATION_MAX).default(''),
  /** Role in parent activity, free text ("chair of the municipal association"). */
  parentRole: trimmed(PARENT_ROLE_MAX).default(''),
  motivation: trimmed(MOTIVATION_MAX).default(''),
  /** The required consent checkbox: only `true` passes. */
  consent: z.literal(true),
  /**
   * The privacy statement version the form showed (GET /privacy): the consent is recorded for
   * exactly this version. Not the current one -> CONFLICT with the issue
   * { path: 'privacyVersion', code: PRIVACY_VERSION_CHANGED }: reload the statement, ask again.
   */
  privacyVersion: z.string().min(1).max(50),
  language: languageSchema,
  /**
   * Honeypot ("leave this untouched"). Any string is accepted here on purpose: a filled one
   * gets the same-looking 202 answer, nothing is stored and a metric is counted.
   */
  website: z.string().max(2000).default(''),
});
export type JoinRequestBody = z.input<typeof joinRequestBodySchema>;

/** Same answer for new, re-submitted (mail resent) and honeypot requests. */
export const joinRequestAcceptedSchema = z.object({ status: z.literal('verification-sent') });

export const JOIN_REQUEST_STATUSES = ['unverified', 'pending', 'approved', 'rejected'] as const;
export const joinRequestStatusValueSchema = z.enum(JOIN_REQUEST_STATUSES);
export type JoinRequestStatusValue = z.infer<typeof joinRequestStatusValueSchema>;

/** What the applicant may see about their own request (the honest status page). */
export const joinRequestStatusSchema = z.object({
  status: joinRequestStatusValueSchema,
  submittedAt: isoDateSchema,
  verifiedAt: isoDateSchema.nullable(),
  decidedAt: isoDateSchema.nullable(),
});
export type JoinRequestStatus = z.infer<typeof joinRequestStatusSchema>;

export const joinRequestVerifiedSchema = joinRequestStatusSchema.extend({
  /** Keep (e.g. localStorage) to open /liity/tila later: POST /join-requests/status. */
  statusToken: tokenSchema,
});
export type JoinRequestVerified = z.infer<typeof joinRequestVerifiedSchema>;

export const REJECT_REASONS = [
  'not-parent-actor',
  'duplicate',
  'incomplete',
  'suspected-spam',
  'other',
] as const;
export const rejectReasonSchema = z.enum(REJECT_REASONS);
export type RejectReason = z.infer<typeof rejectReasonSchema>;

const personRefSchema = z.object({ id: idSchema, name: z.string() });

/** A join request as moderators see it in the queue. */
export const joinRequestSchema = z.object({
  id: idSchema,
  name: z.string(),
  email: z.string(),
  municipalityCode: z.string(),
  association: z.string(),
  parentRole: z.string(),
  motivation: z.string(),
  language: languageSchema,
  status: joinRequestStatusValueSchema,
  createdAt: isoDateSchema,
  verifiedAt: isoDateSchema.nullable(),
  /** The moderator handling it right now (claims expire after CLAIM_MINUTES). */
  claimedBy: personRefSchema.nullable(),
  claimExpiresAt: isoDateSchema.nullable(),
  decidedBy: personRefSchema.nullable(),
  decidedAt: isoDateSchema.nullable(),
  /** Approved: the new account. */
  userId: idSchema.nullable(),
  rejectReason: rejectReasonSchema.nullable(),
  /** The moderator's own words on a rejection ('' when none): staff only, like the rest. */
  rejectText: z.string(),
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;

/** A claim lapses on its own so a request never stays stuck behind an absent moderator. */
export const CLAIM_MINUTES = 30;

export const joinRequestIdSchema = z.object({ id: idSchema });

export const joinRequestListSchema = z.object({
  /** Default: pending (verified, undecided). */
  status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
  limit: z.number().int().min(1).max(200).default(100),
});

/**
 * What a moderator approves a person as: a member, a member holding the expert capability
 * ('expert'), or a guest expert. Not a role: 'expert' becomes role member + the capability.
 */
/** A guest expert is invited for a while: at most this far ahead; extend it when the time comes. */
export const GUEST_MAX_DAYS = 366;
export const guestUntilSchema = isoDateSchema.refine(
  (v) => Date.parse(v) <= Date.now() + GUEST_MAX_DAYS * 86_400_000,
  'too_late',
);

export const APPROVE_ROLES = ['member', 'expert', 'guest'] as const;
export type ApproveRole = (typeof APPROVE_ROLES)[number];
export const joinRequestApproveSchema = z
  .object({
    id: idSchema,
    role: z.enum(APPROVE_ROLES),
    /** Required for guest experts: end of access. */
    guestUntil: guestUntilSchema.optional(),
    /** Conversations the new person joins (stored; the conversations feature acts on it). */
    channelIds: z.array(idSchema).max(50).default([]),
  })
  .refine((v) => v.role !== 'guest' || v.guestUntil !== undefined, {
    path: ['guestUntil'],
    message: 'required',
  });

export const joinRequestRejectSchema = z
  .object({
    id: idSchema,
    reason: rejectReasonSchema,
    /** Free text reason (internal, required when reason is "other"). */
    reasonText: trimmed(REJECT_MESSAGE_MAX).default(''),
    /** Optional personal message mailed to the applicant. */
    messageToApplicant: trimmed(REJECT_MESSAGE_MAX).default(''),
  })
  .refine((v) => v.reason !== 'other' || v.reasonText.length > 0, {
    path: ['reasonText'],
    message: 'required',
  });

export const joinRequestResultSchema = z.object({ request: joinRequestSchema });

// ---- Accounts and sessions -----------------------------------------------------------------

export const signInBodySchema = z.object({
  email: emailSchema,
  /** No length rule at sign-in: old passwords must keep working. */
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const signedInSchema = z.object({ user: sessionUserSchema });
export type SignedIn = z.infer<typeof signedInSchema>;

export const setPasswordBodySchema = z.object({ token: tokenSchema, password: passwordSchema });
export type SetPasswordBody = z.infer<typeof setPasswordBodySchema>;

export const passwordTokenInfoSchema = z.object({
  purpose: z.enum(['set-password', 'reset-password']),
  expiresAt: isoDateSchema,
});

export const passwordResetRequestBodySchema = z.object({
  email: emailSchema,
  language: languageSchema.optional(),
});

export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: passwordSchema,
});

export const mySessionSchema = z.object({
  /** A public handle (hash); the session's secret id never leaves the cookie. */
  id: z.string(),
  createdAt: isoDateSchema,
  lastSeenAt: isoDateSchema,
  expiresAt: isoDateSchema,
  userAgent: z.string(),
  current: z.boolean(),
});
export const mySessionsSchema = z.object({ sessions: z.array(mySessionSchema) });
export type MySession = z.infer<typeof mySessionSchema>;

export const firstAdminBodySchema = z.object({
  token: tokenSchema,
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
  language: languageSchema.default('fi'),
  consent: z.literal(true),
});
export type FirstAdminBody = z.input<typeof firstAdminBodySchema>;

// ---- Profile and personal data -------------------------------------------------------------

export const profileSchema = z.object({
  id: idSchema,
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  guestUntil: isoDateSchema.nullable(),
  municipalityCode: z.string().nullable(),
  association: z.string(),
  parentRole: z.string(),
  language: languageSchema,
  /** A few words about themselves, shown to others (experts' profiles build on it). */
  introduction: z.string(),
  /** IANA zone for dates and times; Europe/Helsinki unless the person changes it. */
  timeZone: z.string(),
  consentVersion: z.string().nullable(),
  createdAt: isoDateSchema,
});
export type Profile = z.infer<typeof profileSchema>;

/** An IANA time zone the runtime knows ("Europe/Helsinki"). */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'unknown_time_zone');

export const profileUpdateBodySchema = z
  .object({
    name: nameSchema,
    municipalityCode: municipalityCodeSchema,
    association: trimmed(ASSOCIATION_MAX),
    parentRole: trimmed(PARENT_ROLE_MAX),
    language: languageSchema,
    introduction: trimmed(INTRODUCTION_MAX),
    timeZone: timeZoneSchema,
  })
  .partial();
export type ProfileUpdateBody = z.infer<typeof profileUpdateBodySchema>;

export const DELETE_MODES = ['keep-as-deleted-user', 'erase'] as const;
export const deleteModeSchema = z.enum(DELETE_MODES);
export type DeleteMode = z.infer<typeof deleteModeSchema>;
export const deleteAccountBodySchema = z.object({
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  mode: deleteModeSchema,
});
export type DeleteAccountBody = z.infer<typeof deleteAccountBodySchema>;

export const consentRecordSchema = z.object({
  version: z.string(),
  textSha256: z.string(),
  language: languageSchema,
  at: isoDateSchema,
  context: z.enum(['join-request', 'first-admin', 'reconsent']),
});

/** "Download my data": every section comes from the personal-data registry (one per collection). */
export const personalDataExportSchema = z.object({
  format: z.literal('yhteistyotila-personal-data/1'),
  exportedAt: isoDateSchema,
  userId: idSchema,
  /** Collection name -> the person's documents in it (own fields only). */
  sections: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});
export type PersonalDataExport = z.infer<typeof personalDataExportSchema>;

// ---- Roles (socket; the audit log is in audit.ts) -----------------------------------------

export const userSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  role: roleSchema,
  /** Holds the expert capability (beside the role; a guest expert always does). */
  expert: z.boolean(),
  guestUntil: isoDateSchema.nullable(),
  status: z.enum(['active', 'suspended']),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const setRoleSchema = z
  .object({ userId: idSchema, role: roleSchema, guestUntil: guestUntilSchema.optional() })
  .refine((v) => v.role !== 'guest' || v.guestUntil !== undefined, {
    path: ['guestUntil'],
    message: 'required',
  });

export const setStatusSchema = z.object({
  userId: idSchema,
  status: z.enum(['active', 'suspended']),
  /** Why (suspending or lifting): into the audit log; a suspension's is kept on the person. */
  reason: staffReasonSchema,
});

export const accessClientEvents = {
  /** Staff: the queue (pending by default), oldest first. */
  'joinRequest:list': defineClientEvent(
    joinRequestListSchema,
    z.object({ requests: z.array(joinRequestSchema) }),
  ),
  /** Staff: take a request so that no other moderator handles it at the same time (CONFLICT if taken). */
  'joinRequest:claim': defineClientEvent(joinRequestIdSchema, joinRequestResultSchema),
  'joinRequest:release': defineClientEvent(joinRequestIdSchema, joinRequestResultSchema),
  /** Staff, claim held (or free): creates the account and mails a set-password link. */
  'joinRequest:approve': defineClientEvent(joinRequestApproveSchema, joinRequestResultSchema),
  'joinRequest:reject': defineClientEvent(joinRequestRejectSchema, joinRequestResultSchema),
  /** Moderators: member/guest; admins: any role. The expert capability: user:setExpert. */
  'user:setRole': defineClientEvent(setRoleSchema, z.object({ user: userSummarySchema })),
  /** Staff, with a reason: suspend (sessions and sockets end at once) or lift. Only admins touch staff. */
  'user:setStatus': defineClientEvent(setStatusSchema, z.object({ user: userSummarySchema })),
  /** Re-reads the consent state after re-consenting over HTTP (no-op helper for clients). */
  'session:refresh': defineClientEvent(emptySchema, z.object({ user: sessionUserSchema })),
};

export const accessServerEvents = {
  /** To rooms.moderators(): a verified request entered the queue. */
  'joinRequest:created': joinRequestSchema,
  /** To rooms.moderators(): claimed, released, approved or rejected. */
  'joinRequest:updated': joinRequestSchema,
  /**
   * To rooms.moderators(): requests have waited longer than the reminder's hours (the periodic
   * reminder; it becomes each moderator's `join-request-waiting` notification).
   */
  'joinRequest:waiting': z.object({
    count: z.number().int().positive(),
    hours: z.number().positive(),
    remindedAt: isoDateSchema,
  }),
  /** To rooms.user(id) and rooms.moderators(): role, capability, end date or status changed. */
  'user:updated': userSummarySchema,
};

/** { valid: true }, or a TOKEN_* error: the error is what matters. */
export const setupTokenValidSchema = z.object({ valid: z.literal(true) });

export const accessRoutes = {
  privacy: defineRoute({
    method: 'GET',
    path: '/privacy',
    query: privacyQuerySchema,
    result: privacyStatementSchema,
  }),
  /** Same 202 for new, re-submitted and honeypot requests. */
  joinRequest: defineRoute({
    method: 'POST',
    path: '/join-requests',
    body: joinRequestBodySchema,
    result: joinRequestAcceptedSchema,
    status: 202,
  }),
  verifyJoinRequest: defineRoute({
    method: 'POST',
    path: '/join-requests/verify',
    body: tokenBodySchema,
    result: joinRequestVerifiedSchema,
  }),
  /** The token is the statusToken. */
  joinRequestStatus: defineRoute({
    method: 'POST',
    path: '/join-requests/status',
    body: tokenBodySchema,
    result: joinRequestStatusSchema,
  }),
  /** Sets the session cookie. */
  signIn: defineRoute({
    method: 'POST',
    path: '/auth/sign-in',
    body: signInBodySchema,
    result: signedInSchema,
  }),
  /** 204: cookie cleared, sockets of the session closed. */
  signOut: defineRoute({ method: 'POST', path: '/auth/sign-out' }),
  checkPasswordToken: defineRoute({
    method: 'POST',
    path: '/auth/password/check-token',
    body: tokenBodySchema,
    result: passwordTokenInfoSchema,
  }),
  /** Sets the session cookie. */
  setPassword: defineRoute({
    method: 'POST',
    path: '/auth/password',
    body: setPasswordBodySchema,
    result: signedInSchema,
  }),
  /** 202 always, whether the address is known or not. */
  requestPasswordReset: defineRoute({
    method: 'POST',
    path: '/auth/password-reset',
    body: passwordResetRequestBodySchema,
    result: acceptedSchema,
    status: 202,
  }),
  /** Sets a new session cookie. */
  changePassword: defineRoute({
    method: 'POST',
    path: '/auth/change-password',
    body: changePasswordBodySchema,
    result: signedInSchema,
  }),
  reconsent: defineRoute({
    method: 'POST',
    path: '/consent',
    body: reconsentBodySchema,
    result: signedInSchema,
  }),
  checkSetupToken: defineRoute({
    method: 'POST',
    path: '/setup/check',
    body: tokenBodySchema,
    result: setupTokenValidSchema,
  }),
  /** Sets the session cookie. */
  setup: defineRoute({
    method: 'POST',
    path: '/setup',
    body: firstAdminBodySchema,
    result: signedInSchema,
    status: 201,
  }),
  mySessions: defineRoute({ method: 'GET', path: '/me/sessions', result: mySessionsSchema }),
  /** 204; id = MySession.id, never the cookie value. */
  revokeMySession: defineRoute({ method: 'DELETE', path: '/me/sessions/:id' }),
  profile: defineRoute({ method: 'GET', path: '/me/profile', result: profileSchema }),
  updateProfile: defineRoute({
    method: 'PATCH',
    path: '/me/profile',
    body: profileUpdateBodySchema,
    result: profileSchema,
  }),
  /** A ZIP download (personalDataExportSchema JSON + readable HTML), not JSON. */
  exportMyData: defineRoute({ method: 'GET', path: '/me/export', status: 200 }),
  /** 204, cookie cleared. */
  deleteMyAccount: defineRoute({
    method: 'POST',
    path: '/me/delete',
    body: deleteAccountBodySchema,
  }),
};
