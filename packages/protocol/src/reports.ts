import { z } from 'zod';
import { emptySchema, idSchema, isoDateSchema } from './common.js';
import { personRefSchema, removalReasonSchema } from './conversations.js';
import { defineClientEvent } from './define.js';

/*
 * Reports: anyone may report what they can see to the moderators, who see a live queue, claim a
 * report (like a join request) and resolve it by dismissing it or removing the content. A report
 * keeps a snapshot of what was reported, taken when it was made: for a DM or a private channel
 * that one snapshot is all moderators ever see of the conversation.
 */

/** A child's personal data is the most urgent: the queue shows it first. */
export const REPORT_CATEGORIES = [
  'child-personal-data',
  'personal-data',
  'harassment',
  'spam',
  'misinformation',
  'other',
] as const;
export const reportCategorySchema = z.enum(REPORT_CATEGORIES);
export type ReportCategory = z.infer<typeof reportCategorySchema>;

export const MAX_REPORT_NOTE_LENGTH = 1000;
/** A claim lapses on its own, so a report never stays stuck behind an absent moderator. */
export const REPORT_CLAIM_MINUTES = 15;

/**
 * What is reported. A discriminated union so that library entries and questions can be added
 * as new `type`s without touching the others.
 */
export const reportTargetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), messageId: idSchema }).strict(),
  z.object({ type: z.literal('profile'), userId: idSchema }).strict(),
  /** A library entry (its snapshot: the title and summary as they were). */
  z.object({ type: z.literal('library-entry'), entryId: idSchema }).strict(),
]);
export type ReportTarget = z.infer<typeof reportTargetSchema>;
export type ReportTargetType = ReportTarget['type'];

export const REPORT_STATUSES = ['open', 'dismissed', 'removed'] as const;
export const reportStatusSchema = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof reportStatusSchema>;

/** Where a reported message was: a public channel is named; a DM or private channel is not. */
export const reportPlaceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('public-channel'),
    conversationId: idSchema,
    name: z.string(),
    /** A seeded channel's key while its name was unchanged: shown in the reader's language. */
    defaultKey: z.string().nullable(),
  }),
  z.object({ kind: z.literal('private-channel') }),
  z.object({ kind: z.literal('dm') }),
]);

/** The reported thing as it was when reported: a message's text, a profile's name. */
export const reportSnapshotSchema = z.object({
  /** The message's author or the reported person; null once their account was erased. */
  person: personRefSchema.nullable(),
  /** The message text ('' for a profile, or once its author's account was erased); a library
   * entry's title and summary. */
  text: z.string(),
  /** When the message was written (null for a profile). */
  writtenAt: isoDateSchema.nullable(),
  /** Messages only. */
  place: reportPlaceSchema.nullable(),
});

/** A report as moderators see it. */
export const reportSchema = z.object({
  id: idSchema,
  target: reportTargetSchema,
  category: reportCategorySchema,
  note: z.string(),
  snapshot: reportSnapshotSchema,
  /** null once the reporter's account was erased. */
  reporter: personRefSchema.nullable(),
  createdAt: isoDateSchema,
  status: reportStatusSchema,
  claimedBy: personRefSchema.nullable(),
  claimExpiresAt: isoDateSchema.nullable(),
  resolvedBy: personRefSchema.nullable(),
  resolvedAt: isoDateSchema.nullable(),
  /** The moderator's reason for the outcome. */
  reason: z.string().nullable(),
});
export type Report = z.infer<typeof reportSchema>;

/** A report as its reporter sees it: the outcome, never who decided. */
export const myReportSchema = z.object({
  id: idSchema,
  target: reportTargetSchema,
  category: reportCategorySchema,
  note: z.string(),
  createdAt: isoDateSchema,
  status: reportStatusSchema,
  resolvedAt: isoDateSchema.nullable(),
});
export type MyReport = z.infer<typeof myReportSchema>;

const reportId = z.object({ id: idSchema }).strict();
const reportResult = z.object({ report: reportSchema });

export const reportCreateSchema = z
  .object({
    target: reportTargetSchema,
    category: reportCategorySchema,
    note: z.string().trim().max(MAX_REPORT_NOTE_LENGTH).optional(),
  })
  .strict();

export const reportResolveSchema = z
  .object({
    id: idSchema,
    outcome: z.enum(['dismissed', 'removed']),
    reason: removalReasonSchema,
  })
  .strict();

export const reportClientEvents = {
  /** Anyone with current consent, about what they can see. Rate limited. */
  'report:create': defineClientEvent(reportCreateSchema, z.object({ report: myReportSchema })),
  /** My own reports, newest first, with their outcomes. */
  'report:mine': defineClientEvent(emptySchema, z.object({ reports: z.array(myReportSchema) })),
  /** Staff: open reports (child's personal data first, then oldest first), or recent resolved ones. */
  'report:list': defineClientEvent(
    z.object({ status: z.enum(['open', 'resolved']).optional() }).strict(),
    z.object({ reports: z.array(reportSchema) }),
  ),
  'report:claim': defineClientEvent(reportId, reportResult),
  'report:release': defineClientEvent(reportId, reportResult),
  /** Staff, claim held (or free): dismiss, or remove the content; the reporter is told. */
  'report:resolve': defineClientEvent(reportResolveSchema, reportResult),
};

export const reportServerEvents = {
  /** To rooms.moderators(): a new report. */
  'report:created': reportSchema,
  /** To rooms.moderators(): claimed, released or resolved. */
  'report:updated': reportSchema,
  /** To the reporter's own room: their report was resolved. */
  'report:resolved': myReportSchema,
};
