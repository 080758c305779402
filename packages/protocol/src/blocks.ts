import { z } from 'zod';
import { emptySchema, idSchema, isoDateSchema } from './common.js';
import { defineClientEvent } from './define.js';

/**
 * Blocking another person (the row "report content, block a person"): a 1:1 DM across a block
 * is refused (BLOCKED) either way; in shared conversations the blocker's screens fold the blocked
 * person's messages (`isFoldedFor`), and they count as neither unread nor mention for the blocker.
 */

export const blockedPersonSchema = z.object({
  id: idSchema,
  /** Display name; an erased account never appears here (erasure removes its block records). */
  name: z.string(),
  blockedAt: isoDateSchema,
});
export type BlockedPerson = z.infer<typeof blockedPersonSchema>;

export const blockTargetSchema = z.object({ userId: idSchema }).strict();

export const blockListSchema = z.object({ blocked: z.array(blockedPersonSchema) });
export type BlockList = z.infer<typeof blockListSchema>;

export const blockClientEvents = {
  /** Whom I blocked, newest first. */
  'block:list': defineClientEvent(emptySchema, blockListSchema),
  /** Blocks a person (idempotent). Oneself: VALIDATION_ERROR; nobody by that id: NOT_FOUND. */
  'block:add': defineClientEvent(blockTargetSchema, z.object({ blocked: blockedPersonSchema })),
  /** Lifts a block (idempotent). */
  'block:remove': defineClientEvent(blockTargetSchema, emptySchema),
};

export const blockServerEvents = {
  /** To rooms.user(blocker): the list changed in another tab or device; the whole list follows. */
  'block:changed': blockListSchema,
};

/** A message the reader folds: written by someone they blocked (never their own). */
export const isFoldedFor = (
  message: { author: { id: string } | null },
  blockedIds: ReadonlySet<string>,
): boolean => message.author !== null && blockedIds.has(message.author.id);
