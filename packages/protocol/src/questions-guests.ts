import { z } from 'zod';
import { guestUntilSchema } from './access.js';
import { idSchema, languageSchema } from './common.js';
import { defineClientEvent } from './define.js';

/*
 * Guest experts (issue 13, item 5): a moderator invites an outside expert by e-mail into chosen
 * channels until an end date. The invitation is a join request made and approved in one step
 * (the approval's account, channel places, audit entry and set-password mail); the guest accepts
 * the privacy statement at their first sign-in, and their access ends at the end date.
 */
export const MAX_GUEST_CHANNELS = 20;

export const guestInviteSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    email: z.email().max(254),
    language: languageSchema,
    /** Their organisation or project, shown to moderators with the person. */
    organisation: z.string().trim().max(200).optional(),
    channelIds: z.array(idSchema).min(1).max(MAX_GUEST_CHANNELS),
    guestUntil: guestUntilSchema,
  })
  .strict();

export const questionGuestClientEvents = {
  /** Moderators and admins (`guest.manage`): invite a guest expert. */
  'guest:invite': defineClientEvent(guestInviteSchema, z.object({ userId: idSchema })),
};
