import { z } from 'zod';
import { emptySchema, idSchema, isoDateSchema, languageSchema } from './common.js';
import { defineClientEvent, defineRoute } from './define.js';
import { DEFAULT_TIME_ZONE } from './access.js';

/**
 * Notifications (issue 14): one table of kinds that the server's event source, the delivery
 * decision, the settings page and the tests all read. A kind says who receives it, whether the
 * person may turn it off, whether a per-channel level silences it, and its default channels.
 */

export const NOTIFICATION_KINDS = [
  'mention',
  'dm',
  'thread-reply',
  'question-answer',
  'question-claim',
  'meeting-booked',
  'meeting-cancelled',
  'library-credit-request',
  'library-entry-changed',
  'join-request',
  'join-request-waiting',
  'report',
] as const;
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

/** The ways a notification reaches a person. In-app is the centre (bell); e-mail and push follow. */
export const DELIVERY_CHANNELS = ['inApp', 'email', 'push'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export interface NotificationKindSpec {
  /** Who receives it: the person the event is about, or every active moderator and admin. */
  audience: 'person' | 'moderators';
  /**
   * What a conversation's level ("all / mentions only / nothing") does to it: `mention` passes
   * "mentions only", `activity` passes only "all", `none` is not about a channel.
   */
  channelLevel: 'mention' | 'activity' | 'none';
  /** May the person turn it off? (Nothing here is mandatory today; kept as a column.) */
  mutable: boolean;
  /** Defaults: chosen for volunteers who read in the evening (docs/decisions.md). */
  defaults: Record<DeliveryChannel, boolean>;
  /** Something the person has to act on: leads the digest, and is never held by "wait while active". */
  actionable: boolean;
  /**
   * Its event already sends a mail of its own (a meeting's invite with its .ics, the moderators'
   * reminder): it appears in the daily digest among what to act on, but never makes a batched
   * mail by itself, which would repeat that mail 15 minutes later.
   */
  ownMail: boolean;
}

const kind = (
  audience: NotificationKindSpec['audience'],
  channelLevel: NotificationKindSpec['channelLevel'],
  defaults: [inApp: boolean, email: boolean, push: boolean],
  actionable = false,
  ownMail = false,
): NotificationKindSpec => ({
  audience,
  channelLevel,
  mutable: true,
  defaults: { inApp: defaults[0], email: defaults[1], push: defaults[2] },
  actionable,
  ownMail,
});

export const NOTIFICATION_KIND_TABLE: Record<NotificationKind, NotificationKindSpec> = {
  mention: kind('person', 'mention', [true, true, true]),
  dm: kind('person', 'mention', [true, true, true]),
  'thread-reply': kind('person', 'activity', [true, false, false]),
  'question-answer': kind('person', 'none', [true, true, true], true),
  'question-claim': kind('person', 'none', [true, false, true]),
  'meeting-booked': kind('person', 'none', [true, true, true], true, true),
  'meeting-cancelled': kind('person', 'none', [true, true, true], true, true),
  'library-credit-request': kind('person', 'none', [true, true, false], true),
  'library-entry-changed': kind('person', 'none', [true, false, false]),
  'join-request': kind('moderators', 'none', [true, false, true], true),
  'join-request-waiting': kind('moderators', 'none', [true, true, false], true, true),
  report: kind('moderators', 'none', [true, false, true], true),
};

export const CHANNEL_LEVELS = ['all', 'mentions', 'nothing'] as const;
export const channelLevelSchema = z.enum(CHANNEL_LEVELS);
export type ChannelLevel = z.infer<typeof channelLevelSchema>;

export const EMAIL_FREQUENCIES = ['off', 'batched', 'daily'] as const;
export const emailFrequencySchema = z.enum(EMAIL_FREQUENCIES);
export type EmailFrequency = z.infer<typeof emailFrequencySchema>;

/** How long after the last sign of activity a person still counts as active in a tab. */
export const ACTIVE_WINDOW_MS = 2 * 60_000;
/** How long "as it happens, batched" gathers before one mail goes (the server may set its own). */
export const EMAIL_BATCH_MS = 15 * 60_000;
/** The most conversations with a level of their own that one person keeps. */
export const MAX_CHANNEL_LEVELS = 200;
export const NOTIFICATION_PAGE = 30;

const hourSchema = z.number().int().min(0).max(23);

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const kindPrefSchema = z
  .object({ inApp: z.boolean(), email: z.boolean(), push: z.boolean() })
  .strict();

export const notificationPrefsSchema = z
  .object({
    kinds: z.record(notificationKindSchema, kindPrefSchema),
    /** Conversations whose level is not "all" (absent: all). */
    channels: z
      .array(z.object({ conversationId: idSchema, level: channelLevelSchema }).strict())
      .max(MAX_CHANNEL_LEVELS),
    email: z.object({ frequency: emailFrequencySchema, digestHour: hourSchema }).strict(),
    quietHours: z
      .object({ enabled: z.boolean(), startHour: hourSchema, endHour: hourSchema })
      .strict(),
    timeZone: z.string().max(64).refine(isTimeZone, 'unknown time zone'),
    /** No e-mail or push while the person is active in a tab, or for what they have seen. */
    waitWhileActive: z.boolean(),
  })
  .strict();
export type NotificationPrefs = z.infer<typeof notificationPrefsSchema>;

/** The defaults, for evening volunteers: digest at 19, quiet from 22 to 7, wait while active. */
export function defaultNotificationPrefs(): NotificationPrefs {
  return {
    kinds: Object.fromEntries(
      NOTIFICATION_KINDS.map((k) => [k, { ...NOTIFICATION_KIND_TABLE[k].defaults }]),
    ) as NotificationPrefs['kinds'],
    channels: [],
    email: { frequency: 'daily', digestHour: 19 },
    quietHours: { enabled: true, startHour: 22, endHour: 7 },
    timeZone: DEFAULT_TIME_ZONE,
    waitWhileActive: true,
  };
}

/** What a person's activity says at the moment of deciding. */
export interface Activity {
  /** Last sign of activity in any tab (null: never / unknown). */
  lastActiveAt: Date | null;
  /** The person has already seen the item (read it in the conversation, opened the page). */
  seen?: boolean;
}

/** When a channel applies: now, later (quiet hours, a batch, the digest), or not at all. */
export type ChannelDecision = { at: Date } | null;
export interface Delivery {
  inApp: boolean;
  email: ChannelDecision;
  push: ChannelDecision;
}

/** The hour and minute of `now` in a time zone. */
function localTime(now: Date, timeZone: string): { hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { hour: get('hour'), minute: get('minute') };
}

const inWindow = (hour: number, start: number, end: number) =>
  start === end ? false : start < end ? hour >= start && hour < end : hour >= start || hour < end;

/** The first whole local hour `target` at or after now (minutes counted; DST shifts tolerated). */
function nextLocalHour(now: Date, timeZone: string, target: number): Date {
  const { hour, minute } = localTime(now, timeZone);
  const hoursAhead = (target - hour + 24) % 24;
  if (hoursAhead === 0 && minute === 0) return now;
  const ms = ((hoursAhead === 0 ? 24 : hoursAhead) * 60 - minute) * 60_000;
  const at = new Date(now.getTime() + ms);
  at.setUTCSeconds(0, 0);
  return at;
}

/**
 * The one delivery decision: which of in-app, e-mail and push a notification of `kind` gets,
 * and when. Pure (the clock is `now`), so push and mail are glued on by asking it.
 * - in-app: the kind's in-app switch and the conversation's level;
 * - push: the kind's switch; held to the end of quiet hours; not while active (wait while active)
 *   or when already seen;
 * - e-mail: the kind's switch and the frequency (batched: after EMAIL_BATCH_MS; daily: at the
 *   digest hour), then held past quiet hours; none when seen, or while active and waiting.
 */
export function deliveryFor(
  k: NotificationKind,
  prefs: NotificationPrefs,
  activity: Activity,
  now: Date,
  context: { conversationId?: string | null; batchMs?: number } = {},
): Delivery {
  const spec = NOTIFICATION_KIND_TABLE[k];
  const chosen = prefs.kinds[k] ?? spec.defaults;
  const level = context.conversationId
    ? (prefs.channels.find((c) => c.conversationId === context.conversationId)?.level ?? 'all')
    : 'all';
  const levelAllows =
    spec.channelLevel === 'none' ||
    level === 'all' ||
    (level === 'mentions' && spec.channelLevel === 'mention');
  const none: Delivery = { inApp: false, email: null, push: null };
  if (!levelAllows) return none;
  const inApp = chosen.inApp;
  const active =
    activity.lastActiveAt !== null &&
    now.getTime() - activity.lastActiveAt.getTime() < ACTIVE_WINDOW_MS;
  const held = activity.seen === true || (prefs.waitWhileActive && active);
  const afterQuiet = (at: Date): Date => {
    if (!prefs.quietHours.enabled) return at;
    const { hour } = localTime(at, prefs.timeZone);
    return inWindow(hour, prefs.quietHours.startHour, prefs.quietHours.endHour)
      ? nextLocalHour(at, prefs.timeZone, prefs.quietHours.endHour)
      : at;
  };
  const push = chosen.push && !held ? { at: afterQuiet(now) } : null;
  let email: ChannelDecision = null;
  if (chosen.email && !held && prefs.email.frequency !== 'off') {
    const at =
      prefs.email.frequency === 'batched'
        ? new Date(now.getTime() + (context.batchMs ?? EMAIL_BATCH_MS))
        : nextLocalHour(now, prefs.timeZone, prefs.email.digestHour);
    email = { at: afterQuiet(at) };
  }
  return { inApp, email, push };
}

/** A notification as its recipient sees it; `link` is the app path that opens its item. */
export const notificationSchema = z.object({
  id: idSchema,
  kind: notificationKindSchema,
  /** Who caused it; null for the workspace itself (a reminder) or an erased account. */
  actor: z.object({ id: idSchema, name: z.string() }).nullable(),
  /** A short plain-text line: the message's start, the question's or entry's title. */
  text: z.string(),
  /** Conversation name, entry title... where it happened (may be empty). */
  where: z.string(),
  link: z.string().startsWith('/'),
  conversationId: idSchema.nullable(),
  createdAt: isoDateSchema,
  readAt: isoDateSchema.nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListSchema = z
  .object({
    /** Older than this (the last one of the previous page). */
    before: isoDateSchema.optional(),
    unreadOnly: z.boolean().optional(),
  })
  .strict();

export const notificationPageSchema = z.object({
  notifications: z.array(notificationSchema),
  unread: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});

/** Mark some (`ids`) or all (`all: true`) of mine read: one object, exactly one of the two. */
export const notificationReadSchema = z
  .object({
    ids: z.array(idSchema).min(1).max(NOTIFICATION_PAGE).optional(),
    all: z.literal(true).optional(),
  })
  .strict()
  .refine((v) => (v.ids === undefined) !== (v.all === undefined), {
    message: 'either ids or all',
  });

export const notificationReadStateSchema = z.object({
  /** The notifications now read; `all` for "everything up to now". */
  ids: z.array(idSchema),
  all: z.boolean(),
  readAt: isoDateSchema,
  unread: z.number().int().nonnegative(),
});

export const notificationClientEvents = {
  /** My notifications, newest first, a page at a time, with the unread count. */
  'notification:list': defineClientEvent(notificationListSchema, notificationPageSchema),
  /** Marks some (or all) of mine read; my other tabs and devices hear notification:read. */
  'notification:read': defineClientEvent(notificationReadSchema, notificationReadStateSchema),
  /** My notification settings (the defaults until I change them). */
  'notification:prefs': defineClientEvent(
    emptySchema,
    z.object({ prefs: notificationPrefsSchema }),
  ),
  /** Replaces my settings; my other tabs hear notification:prefsChanged. */
  'notification:setPrefs': defineClientEvent(
    z.object({ prefs: notificationPrefsSchema }).strict(),
    z.object({ prefs: notificationPrefsSchema }),
  ),
};

export const notificationServerEvents = {
  /** To rooms.user(recipient): a new notification. */
  'notification:created': z.object({ notification: notificationSchema }),
  /** To rooms.user(person): read in one tab or device, read everywhere. */
  'notification:read': notificationReadStateSchema,
  'notification:prefsChanged': z.object({ prefs: notificationPrefsSchema }),
};

/*
 * One-click unsubscribe (RFC 8058) from notification mail. Each mail carries `List-Unsubscribe`
 * with an HTTPS URL holding a token the server signed, and `List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click`: the mail program POSTs to it, with no sign-in and no confirmation
 * page. The token is in the URL by necessity (the exception to "tokens travel in the fragment",
 * docs/decisions.md): it can only turn off mail, of one kind or all, for the one person it names.
 */

/** What a link turns off: the mail of one kind, or (`all`) every notification mail. */
export const UNSUBSCRIBE_SCOPES = [...NOTIFICATION_KINDS, 'all'] as const;
export const unsubscribeScopeSchema = z.enum(UNSUBSCRIBE_SCOPES);
export type UnsubscribeScope = z.infer<typeof unsubscribeScopeSchema>;

export const unsubscribeResultSchema = z.object({
  scope: unsubscribeScopeSchema,
  /** The person's language, for the page that says what the link does. */
  language: languageSchema,
});

export const notificationRoutes = {
  /** What the link would turn off (the page a person opens from the mail shows it first). */
  unsubscribeInfo: defineRoute({
    method: 'GET',
    path: '/notifications/unsubscribe/:token',
    result: unsubscribeResultSchema,
  }),
  /** The one-click POST: turns the mail off; the body (`List-Unsubscribe=One-Click`) is not read. */
  unsubscribe: defineRoute({
    method: 'POST',
    path: '/notifications/unsubscribe/:token',
    result: unsubscribeResultSchema,
  }),
};
