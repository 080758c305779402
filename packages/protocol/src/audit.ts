import { z } from 'zod';
import { idSchema, isoDateSchema } from './common.js';
import { defineClientEvent, defineRoute } from './define.js';

/*
 * The audit log: every moderator and admin decision, who, what, when and why. Append-only:
 * there is a list and an export, never an edit or a delete (a test walks the route table and
 * the event registry to keep it so).
 */

/** Longest reason a moderator or admin may write for a decision. */
export const AUDIT_REASON_MAX = 1000;
/** Rows in one CSV export (newest first); a narrower filter gets the rest. */
export const AUDIT_EXPORT_MAX = 10_000;

/**
 * Actions the audit page offers as a filter (others may be recorded too; the filter takes any
 * action name). Their labels are the web's `audit:actions.<name>`.
 */
export const AUDIT_ACTIONS = [
  'joinRequest.approve',
  'joinRequest.reject',
  'user.setRole',
  'user.grantExpert',
  'user.revokeExpert',
  'user.setGuestUntil',
  'user.endGuest',
  'user.suspend',
  'user.reactivate',
  'channel.update',
  'channel.archive',
  'channel.unarchive',
  'message.remove',
  'report.dismiss',
  'library.delete',
  'moderation.note',
  'moderation.warn',
  'moderation.mute',
  'moderation.liftMute',
  'privacy.publish',
  'account.firstAdmin',
  'account.setPassword',
  'account.resetPassword',
  'account.changePassword',
  'account.erase',
] as const;
/** Every action the log records: recordAudit takes only these, so the filter and its labels know each. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEntrySchema = z.object({
  id: idSchema,
  at: isoDateSchema,
  /** null when the actor's account was erased or the system acted. */
  actorId: idSchema.nullable(),
  /** The actor's name now; null when erased or the system. */
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  /** An id, or the erased person's pseudonym. */
  targetId: z.string().nullable(),
  /** The staff member's own words; null when none was written or it has been removed. */
  reason: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const actionNameSchema = z
  .string()
  .max(60)
  .regex(/^[A-Za-z]+(\.[A-Za-z]+)*$/, 'action');

/**
 * What the log is filtered by. Equalities (action, actor, target) and the months of the date
 * range are what the server asks the database; the rest narrows inside each month.
 */
export const auditFilterSchema = z.object({
  action: actionNameSchema.optional(),
  actorId: idSchema.optional(),
  targetId: z.string().trim().min(1).max(64).optional(),
  /** Inclusive bounds. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  /** Words in the reason (case-insensitive, literal). */
  q: z.string().trim().min(1).max(200).optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditListSchema = auditFilterSchema.extend({
  /** The `next` of the previous page. */
  before: idSchema.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** Pass as `before` for the next (older) page; null at the end. */
  next: idSchema.nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

export const auditClientEvents = {
  /** Staff (audit.read): newest first, filtered, a page at a time. */
  'audit:list': defineClientEvent(auditListSchema, auditPageSchema),
};

export const auditRoutes = {
  /** Staff (audit.read): text/csv download of the filtered log, formula-safe cells. */
  exportAudit: defineRoute({
    method: 'GET',
    path: '/audit/export.csv',
    query: auditFilterSchema,
    status: 200,
  }),
};
