import { z } from 'zod';
import { idSchema, isoDateSchema } from './common.js';
import { defineClientEvent } from './define.js';
import { guestUntilSchema, userSummarySchema } from './access.js';
import { roleSchema } from './roles.js';

/*
 * The people page (moderators and admins): search and filter people, a person's page, and the
 * actions on a person: role, expert capability, a guest expert's end date, suspension. Each
 * action writes one audit record; the role and status events live in access.ts.
 */

export const PEOPLE_QUERY_MAX = 100;
export const PEOPLE_PAGE_MAX = 100;

export const USER_STATUSES = ['active', 'suspended'] as const;
export const userStatusSchema = z.enum(USER_STATUSES);
export type UserStatus = z.infer<typeof userStatusSchema>;

export const peopleListSchema = z
  .object({
    /** Part of a name, any case. */
    query: z.string().trim().max(PEOPLE_QUERY_MAX).default(''),
    role: roleSchema.optional(),
    municipalityCode: z.string().max(10).optional(),
    /** Wellbeing services county id (regions.ts), e.g. "HKI" or "EP". */
    county: z.string().max(10).optional(),
    status: userStatusSchema.optional(),
    /** Holders of the expert capability (guest experts included) or everyone else. */
    expert: z.boolean().optional(),
    offset: z.number().int().min(0).max(100_000).default(0),
    limit: z.number().int().min(1).max(PEOPLE_PAGE_MAX).default(50),
  })
  .strict();
export type PeopleListQuery = z.input<typeof peopleListSchema>;
export type PeopleListFilters = z.output<typeof peopleListSchema>;

/** A person as the people page lists them. */
export const personListItemSchema = userSummarySchema.extend({
  municipalityCode: z.string().nullable(),
  createdAt: isoDateSchema,
});
export type PersonListItem = z.infer<typeof personListItemSchema>;

const suspensionSchema = z.object({ reason: z.string(), at: isoDateSchema });

/** A person's page. `email` only for those the table lets see it ("see another person's e-mail"). */
export const personDetailSchema = personListItemSchema.extend({
  email: z.string().nullable(),
  association: z.string(),
  parentRole: z.string(),
  /** While suspended: why and since when (who: the audit log). */
  suspension: suspensionSchema.nullable(),
});
export type PersonDetail = z.infer<typeof personDetailSchema>;

const userIdSchema = z.object({ userId: idSchema });

export const setExpertSchema = z.object({ userId: idSchema, expert: z.boolean() }).strict();
export const setGuestUntilSchema = z
  .object({ userId: idSchema, guestUntil: guestUntilSchema })
  .strict();
const personResultSchema = z.object({ user: userSummarySchema });

export const peopleClientEvents = {
  /** Moderators and admins: people by name and filters, by name, a page at a time. */
  'people:list': defineClientEvent(
    peopleListSchema,
    z.object({ people: z.array(personListItemSchema), total: z.number().int().nonnegative() }),
  ),
  /** Moderators and admins: one person's page. */
  'people:get': defineClientEvent(userIdSchema.strict(), z.object({ person: personDetailSchema })),
  /** Moderators and admins: give or take the expert capability (not a guest's: theirs ends). */
  'user:setExpert': defineClientEvent(setExpertSchema, personResultSchema),
  /** Moderators and admins: set or extend a guest expert's end date (a future time). */
  'user:setGuestUntil': defineClientEvent(setGuestUntilSchema, personResultSchema),
  /** Moderators and admins: end a guest expert's time now (their sessions end at once). */
  'user:endGuest': defineClientEvent(userIdSchema.strict(), personResultSchema),
};
