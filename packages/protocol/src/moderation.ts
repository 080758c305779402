import { z } from 'zod';
import { emptySchema, idSchema, isoDateSchema } from './common.js';
import { personRefSchema } from './conversations.js';
import { defineClientEvent } from './define.js';

/**
 * The graduated ladder's steps that live here: a private note from the moderators, a formal
 * warning, a timed mute in one channel, and lifting a mute. Every step carries a reason.
 */

/** Free text by staff: why this step. Kept with the step and in the audit log. */
export const MAX_REASON_LENGTH = 1000;
export const reasonSchema = z.string().trim().min(1).max(MAX_REASON_LENGTH);

/** What a note or a warning says, when the moderator wrote or edited it. */
export const MAX_NOTICE_LENGTH = 2000;

/**
 * Ready-written kind notes. The text lives in the web app's locales (moderation:templates.*),
 * so a note sent unedited from a template reads in the recipient's own language.
 */
export const NOTICE_TEMPLATES = ['guidelines', 'childData', 'offTopic', 'tone'] as const;
export const noticeTemplateSchema = z.enum(NOTICE_TEMPLATES);
export type NoticeTemplate = z.infer<typeof noticeTemplateSchema>;

/** A note is friendly guidance; a warning is a formal, recorded step of the ladder. */
export const NOTICE_KINDS = ['note', 'warning'] as const;
export const noticeKindSchema = z.enum(NOTICE_KINDS);
export type NoticeKind = z.infer<typeof noticeKindSchema>;

/** The mute lengths the ladder offers, in milliseconds. */
export const MUTE_DURATIONS = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
} as const;
export type MuteDuration = keyof typeof MUTE_DURATIONS;
export const muteDurationSchema = z.enum(['1h', '24h', '7d']);

export const noticeSchema = z.object({
  id: idSchema,
  kind: noticeKindSchema,
  /** The template used unedited (the reader's web app shows it in their language), else null. */
  template: noticeTemplateSchema.nullable(),
  /** The text as the moderator wrote it; null when an unedited template speaks. */
  text: z.string().nullable(),
  at: isoDateSchema,
});
export type Notice = z.infer<typeof noticeSchema>;

export const muteSchema = z.object({
  id: idSchema,
  userId: idSchema,
  conversationId: idSchema,
  /** The channel's name, for "muted in #name until …". */
  conversationName: z.string(),
  at: isoDateSchema,
  until: isoDateSchema,
  /** Told to the muted person: why they cannot write there. */
  reason: z.string(),
  liftedAt: isoDateSchema.nullable(),
});
export type Mute = z.infer<typeof muteSchema>;

/** A mute is in force until its end, unless lifted before. */
export const muteActive = (m: Pick<Mute, 'until' | 'liftedAt'>, now = Date.now()): boolean =>
  m.liftedAt === null && Date.parse(m.until) > now;

export const sendNoticeSchema = z
  .object({
    userId: idSchema,
    kind: noticeKindSchema,
    template: noticeTemplateSchema.nullable().default(null),
    /** Null: the template unedited. */
    text: z.string().trim().min(1).max(MAX_NOTICE_LENGTH).nullable().default(null),
    reason: reasonSchema,
  })
  .refine((p) => p.template !== null || p.text !== null, {
    message: 'template_or_text',
    path: ['text'],
  });

export const muteInputSchema = z.object({
  userId: idSchema,
  conversationId: idSchema,
  duration: muteDurationSchema,
  reason: reasonSchema,
});

export const liftMuteSchema = z.object({ muteId: idSchema, reason: reasonSchema });

export const moderationPersonSchema = z.object({ userId: idSchema });

/** What a moderator sees of one person on the ladder. */
export const personLadderSchema = z.object({
  person: personRefSchema,
  notices: z.array(noticeSchema),
  /** Mutes in force. */
  mutes: z.array(muteSchema),
  /** The channels the person is a member of: where a mute can apply. */
  channels: z.array(z.object({ id: idSchema, name: z.string() })),
});
export type PersonLadder = z.infer<typeof personLadderSchema>;

export const myModerationSchema = z.object({
  notices: z.array(noticeSchema),
  mutes: z.array(muteSchema),
});
export type MyModeration = z.infer<typeof myModerationSchema>;

export const moderationClientEvents = {
  /** Staff: a note or a warning to one person, live to them and kept for them to read. */
  'moderation:notify': defineClientEvent(sendNoticeSchema, z.object({ notice: noticeSchema })),
  /** Staff: no posting, reacting or replying in that channel until the end. */
  'moderation:mute': defineClientEvent(muteInputSchema, z.object({ mute: muteSchema })),
  /** Staff: ends a mute before its time. */
  'moderation:liftMute': defineClientEvent(liftMuteSchema, z.object({ mute: muteSchema })),
  /** Staff: one person's notes, warnings, mutes in force and channels. */
  'moderation:person': defineClientEvent(moderationPersonSchema, personLadderSchema),
  /** Anyone: the messages from the moderators to me, and my mutes in force. */
  'moderation:mine': defineClientEvent(emptySchema, myModerationSchema),
};

export const moderationServerEvents = {
  /** To rooms.user(recipient): a note or a warning arrived. */
  'moderation:noticed': z.object({ notice: noticeSchema }),
  /** To rooms.user(muted person): a mute began or was lifted. */
  'moderation:muteChanged': z.object({ mute: muteSchema }),
};
