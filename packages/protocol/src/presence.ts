import { z } from 'zod';
import { emptySchema, idSchema } from './common.js';
import { defineClientEvent } from './define.js';
import { personRefSchema } from './conversations.js';

/*
 * Presence is per person, across all their tabs and devices and across server processes:
 * online if any socket is online, away if every socket is away, offline with no socket.
 * `version` grows with every change of a person's sockets; keep the highest you have seen.
 */

export const PRESENCE_STATUSES = ['online', 'away', 'offline'] as const;
export const presenceStatusSchema = z.enum(PRESENCE_STATUSES);
export type PresenceStatus = z.infer<typeof presenceStatusSchema>;

/** A tab reports 'away' after this long without input (and 'online' again on input). */
export const PRESENCE_IDLE_MS = 5 * 60_000;
export const MAX_PRESENCE_QUERY = 200;

export const presenceSchema = z.object({
  userId: idSchema,
  status: presenceStatusSchema,
  version: z.number().int().nonnegative(),
});
export type Presence = z.infer<typeof presenceSchema>;

export const onlineExpertSchema = personRefSchema.extend({ status: z.enum(['online', 'away']) });
export type OnlineExpert = z.infer<typeof onlineExpertSchema>;

export const presenceClientEvents = {
  /** This tab is active ('online') or idle ('away'). */
  'presence:set': defineClientEvent(
    z.object({ status: z.enum(['online', 'away']) }).strict(),
    z.object({ presence: presenceSchema }),
  ),
  /** Current presence of these people. */
  'presence:query': defineClientEvent(
    z.object({ userIds: z.array(idSchema).min(1).max(MAX_PRESENCE_QUERY) }).strict(),
    z.object({ presences: z.array(presenceSchema) }),
  ),
  /** Holders of the expert capability (any role) and guest experts online or away now. */
  'presence:experts': defineClientEvent(
    emptySchema,
    z.object({ experts: z.array(onlineExpertSchema) }),
  ),
};

export const presenceChangeSchema = presenceSchema.extend({ isExpert: z.boolean() });
export type PresenceUpdate = z.infer<typeof presenceChangeSchema>;

/** Changes are sent in batches at most this often (a storm of reconnects is one event, not N²). */
export const PRESENCE_BATCH_MS = 500;

export const presenceServerEvents = {
  /** To everyone signed in: people whose aggregate status changed (latest change per person). */
  'presence:changed': z.object({
    changes: z.array(presenceChangeSchema),
    /**
     * More people changed than are listed (everyone reconnecting after a restart: listing them
     * all would send every change to every connection, N² bytes). Only the experts' changes are
     * listed; ask again, once, for the people you show (`presence:query`).
     */
    more: z.literal(true).optional(),
  }),
};
