import { z } from 'zod';
import { AUDIT_REASON_MAX } from './audit.js';
import { emptySchema, idSchema, isoDateSchema } from './common.js';
import { defineClientEvent } from './define.js';
import { roleSchema } from './roles.js';
import { TRANSLATED_CHANNEL_FIELDS } from './default-channels.js';

/*
 * Conversations: channels and direct messages share one model (`kind`). Every change to a
 * message takes the next number of its conversation's one counter (`changeSeq`); a message also
 * keeps the number it was created with (`seq`: order, unread counts, `before` pagination).
 * Facts about messages always carry the message's whole current state, so a client applies
 * `message:created`, `message:updated` and the results of `conversation:sync` the same way:
 * keep the copy with the highest `changeSeq` per message id. See docs/realtime.md.
 */

// ---------------------------------------------------------------------------------------------
// Shared limits (used by schemas, the server and the UI alike)
// ---------------------------------------------------------------------------------------------

/** Characters in one message. Longer text is refused with VALIDATION_ERROR, issue {path:'text', code:'too_big'}. */
export const MAX_MESSAGE_LENGTH = 4000;
export const MAX_CHANNEL_NAME_LENGTH = 80;
export const MAX_CHANNEL_TOPIC_LENGTH = 250;
export const MAX_CHANNEL_DESCRIPTION_LENGTH = 1000;
export const MAX_CATEGORY_LENGTH = 60;
/** People in one direct message, the starter included. */
export const MAX_DM_PARTICIPANTS = 8;
/** People invited in one `channel:invite`. */
export const MAX_INVITES_PER_CALL = 50;
/** Default and maximum page size of `message:history`. */
export const HISTORY_PAGE_SIZE = 50;
export const MAX_HISTORY_PAGE_SIZE = 100;
/** Maximum messages returned by one `conversation:sync` (page on with `hasMore`). */
export const SYNC_PAGE_SIZE = 500;
/**
 * How far below the highest `changeSeq` it has seen a client starts `conversation:sync`.
 * Numbers are taken before the write, so with several writers a higher number can be stored a
 * moment before a lower one; trailing the watermark by this margin (a few seconds of a busy
 * conversation) re-fetches anything stored late. Results are applied idempotently.
 */
export const SYNC_SAFETY_MARGIN = 200;
/** Unread counts stop at this value (the UI shows "999+"). */
export const MAX_UNREAD_COUNT = 999;
export const MAX_EMOJI_LENGTH = 32;
/** Distinct emoji on one message. */
export const MAX_REACTIONS_PER_MESSAGE = 40;
export const MAX_MENTIONS_PER_MESSAGE = 50;
/** A typing indicator disappears this long after the last `typing:start` (clients re-send every ~3 s). */
export const TYPING_TIMEOUT_MS = 6000;
export const MAX_PEOPLE_SEARCH_RESULTS = 20;
/** Members returned by `conversation:members` (the total is returned too). */
export const MAX_MEMBER_LIST = 1000;
/** A moderator's reason for removing a message (also reports' resolutions). */
export const MAX_REMOVAL_REASON_LENGTH = 1000;

/**
 * Mentions are written `@**Full Name**` (what autocomplete inserts) or `@Name` for a one-word
 * name. The server resolves them against the conversation's members and stores user ids in
 * `mentions`; the web renders a mention of an id in `mentions` as a chip.
 */
export const mentionToken = (name: string) => `@**${name}**`;
/** Names written as mentions in a text (not yet resolved to people). */
export function extractMentionNames(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/@\*\*([^*\n]{1,100})\*\*/g)) names.add(m[1]!.trim());
  for (const m of text.matchAll(/(?:^|[^\p{L}\p{N}_*])@([\p{L}\p{N}_-]{1,100})/gu))
    names.add(m[1]!);
  return [...names];
}

// ---------------------------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------------------------

export const CONVERSATION_KINDS = ['channel', 'dm'] as const;
export const conversationKindSchema = z.enum(CONVERSATION_KINDS);
export type ConversationKind = z.infer<typeof conversationKindSchema>;

export const CHANNEL_VISIBILITIES = ['public', 'private'] as const;
export const channelVisibilitySchema = z.enum(CHANNEL_VISIBILITIES);
export type ChannelVisibility = z.infer<typeof channelVisibilitySchema>;

/**
 * A person as conversations show them: role and expert capability give the badges
 * (`holdsExpertCapability`: a guest expert, or anyone holding the capability).
 */
export const personRefSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: roleSchema,
  expert: z.boolean(),
});
export type PersonRef = z.infer<typeof personRefSchema>;

export const conversationSchema = z.object({
  id: idSchema,
  kind: conversationKindSchema,
  /** DMs are always 'private'. */
  visibility: channelVisibilitySchema,
  /** '' for DMs (the web names them after the participants). */
  name: z.string(),
  topic: z.string(),
  description: z.string(),
  /** '' when none; channels are grouped by it. */
  category: z.string(),
  /** One of REGIONAL_UNITS ids for the regional channels, else null. */
  regionId: z.string().nullable(),
  /** Created at first start (not archivable by members). */
  isDefault: z.boolean(),
  /**
   * Seeded channels: their key in DEFAULT_CHANNEL_TEXTS, so readers see name, topic and category
   * in their own language; null otherwise.
   */
  defaultKey: z.string().nullable(),
  /** Of a seeded channel's translated fields, those someone changed: shown as written. */
  customised: z.array(z.enum(TRANSLATED_CHANNEL_FIELDS)),
  archived: z.boolean(),
  createdBy: idSchema.nullable(),
  createdAt: isoDateSchema,
  /**
   * The one member count every screen shows (header, members panel, lists): stored on the
   * conversation, recounted after every change and pushed live as `memberCount:updated`. A DM
   * counts its erased participants too (they still show, as "deleted user").
   */
  memberCount: z.number().int().nonnegative(),
  /** DMs only: every participant, the reader included. [] for channels. */
  participants: z.array(personRefSchema),
  /**
   * DMs only: participants whose accounts were erased (shown as "deleted user"; 0 for channels).
   * A DM with nobody else left is read-only: sending answers RECIPIENT_DELETED.
   */
  deletedParticipants: z.number().int().nonnegative(),
  lastMessageAt: isoDateSchema.nullable(),
});
export type Conversation = z.infer<typeof conversationSchema>;

/** A conversation as one member sees it in their list. */
export const conversationSummarySchema = conversationSchema.extend({
  /** Highest `seq` the reader has read (their last-read line). */
  readSeq: z.number().int().nonnegative(),
  /** Top-level messages above readSeq not written by the reader, not deleted (capped at MAX_UNREAD_COUNT). */
  unreadCount: z.number().int().nonnegative(),
  /** Of those, the ones that mention the reader. */
  mentionCount: z.number().int().nonnegative(),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

/** A public channel in the browse list. */
export const channelListingSchema = conversationSchema.extend({ isMember: z.boolean() });
export type ChannelListing = z.infer<typeof channelListingSchema>;

export const memberSchema = personRefSchema.extend({
  joinedAt: isoDateSchema,
  /** Created the channel (owner rights on private channels). */
  isCreator: z.boolean(),
});
export type Member = z.infer<typeof memberSchema>;

export const reactionSchema = z.object({
  emoji: z.string(),
  userIds: z.array(idSchema),
  count: z.number().int().positive(),
});
export type Reaction = z.infer<typeof reactionSchema>;

/** Who posts a message no person wrote: the League (a starting library entry's discussion root). */
export const SYSTEM_AUTHORS = ['league'] as const;
export type SystemAuthor = (typeof SYSTEM_AUTHORS)[number];

export const messageSchema = z.object({
  id: idSchema,
  conversationId: idSchema,
  /** Number at creation: order, pagination, unread. */
  seq: z.number().int().positive(),
  /** Number of the latest change; apply a copy only if it is higher than the one held. */
  changeSeq: z.number().int().positive(),
  /** The author's client id (UUID) – the outbox matches its pending entry with it. */
  clientId: z.string(),
  /** null when the author's account was erased ("deleted user"), or for a system message. */
  author: personRefSchema.nullable(),
  /** Set when the workspace itself posted it (no person): shown as that author. */
  systemAuthor: z.enum(SYSTEM_AUTHORS).optional(),
  /** As written ('' once deleted); rendered as a safe Markdown subset. */
  text: z.string(),
  /** Ids of the people mentioned. */
  mentions: z.array(idSchema),
  /** Set on thread replies: the id of the thread's first message. */
  threadRootId: idSchema.nullable(),
  /** Thread roots only (0 otherwise): replies, who replied (first few), the latest reply. */
  replyCount: z.number().int().nonnegative(),
  threadParticipants: z.array(personRefSchema),
  lastReplyAt: isoDateSchema.nullable(),
  reactions: z.array(reactionSchema),
  pinned: z.boolean(),
  createdAt: isoDateSchema,
  /** Non-null = show "edited"; `message:edits` lists earlier versions. */
  editedAt: isoDateSchema.nullable(),
  /** Non-null = tombstone ("message deleted"). */
  deletedAt: isoDateSchema.nullable(),
  /** A tombstone left by a moderator removing someone else's message ("removed by a moderator"). */
  removedByModerator: z.boolean(),
  /** The moderator's reason: only in the author's own copy (null for everyone else). */
  removalReason: z.string().nullable(),
});
export type Message = z.infer<typeof messageSchema>;

export const messageEditSchema = z.object({ text: z.string(), editedAt: isoDateSchema });

export const readStateSchema = z.object({
  conversationId: idSchema,
  readSeq: z.number().int().nonnegative(),
  unreadCount: z.number().int().nonnegative(),
  mentionCount: z.number().int().nonnegative(),
});
export type ReadState = z.infer<typeof readStateSchema>;

export const followedThreadSchema = z.object({
  conversationId: idSchema,
  root: messageSchema,
  /** Highest reply `seq` the reader has read in this thread. */
  readSeq: z.number().int().nonnegative(),
  unreadCount: z.number().int().nonnegative(),
});
export type FollowedThread = z.infer<typeof followedThreadSchema>;

// ---------------------------------------------------------------------------------------------
// Payloads
// ---------------------------------------------------------------------------------------------

const channelName = z.string().trim().min(1).max(MAX_CHANNEL_NAME_LENGTH);
const topic = z.string().trim().max(MAX_CHANNEL_TOPIC_LENGTH);
const description = z.string().trim().max(MAX_CHANNEL_DESCRIPTION_LENGTH);
const category = z.string().trim().max(MAX_CATEGORY_LENGTH);
const seqSchema = z.number().int().nonnegative();
const emojiSchema = z.string().min(1).max(MAX_EMOJI_LENGTH).regex(/^\S+$/, 'emoji');
export const messageTextSchema = z
  .string()
  .max(MAX_MESSAGE_LENGTH)
  .refine((t) => t.trim().length > 0, 'empty');
const ok = z.object({});
/** A moderator's reason (removing a message, resolving a report): told to the people concerned. */
export const removalReasonSchema = z.string().trim().min(1).max(MAX_REMOVAL_REASON_LENGTH);
const conversationRef = z.object({ conversationId: idSchema }).strict();
const messageRef = z.object({ messageId: idSchema }).strict();
const messageResult = z.object({ message: messageSchema });

export const messageSendSchema = z
  .object({
    conversationId: idSchema,
    /** UUID made by the client; a retried send with the same id returns the stored message. */
    clientId: z.uuid(),
    text: messageTextSchema,
    /** Reply in the thread of this top-level message. */
    threadRootId: idSchema.nullable().optional(),
  })
  .strict();

export const historySchema = z
  .object({
    conversationId: idSchema,
    /** Thread replies of this root (ascending); omitted/null = the main timeline (top-level messages). */
    threadRootId: idSchema.nullable().optional(),
    /** Messages with seq below this (infinite scroll backwards). */
    before: seqSchema.optional(),
    /** Messages with seq above this (scrolling forward after a jump). */
    after: seqSchema.optional(),
    /** Context around this message (permalink, search result); a reply gives context in its thread. */
    around: idSchema.optional(),
    limit: z.number().int().min(1).max(MAX_HISTORY_PAGE_SIZE).optional(),
  })
  .strict()
  .refine(
    (p) => [p.before, p.after, p.around].filter((v) => v !== undefined).length <= 1,
    'one_of_before_after_around',
  );

export const historyResultSchema = z.object({
  /** Ascending by seq. */
  messages: z.array(messageSchema),
  hasMoreBefore: z.boolean(),
  hasMoreAfter: z.boolean(),
  /** The timeline the page belongs to (for `around` on a reply: its thread root). */
  threadRootId: idSchema.nullable(),
});

export const syncSchema = z
  .object({
    conversationId: idSchema,
    /** Client watermark: highest changeSeq seen minus SYNC_SAFETY_MARGIN (0 = everything). */
    sinceChangeSeq: seqSchema,
  })
  .strict();
export const syncResultSchema = z.object({
  /** Current state of every message with changeSeq > sinceChangeSeq, ascending by changeSeq. */
  messages: z.array(messageSchema),
  /** More than SYNC_PAGE_SIZE changed: call again with the last message's changeSeq. */
  hasMore: z.boolean(),
  /** The conversation's counter when the query ran (upper bound of numbers handed out). */
  counter: seqSchema,
});

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

export const conversationClientEvents = {
  /** My conversations (channels I am in and my DMs) with read state. Joins rooms first. */
  'conversation:list': defineClientEvent(
    emptySchema,
    z.object({ conversations: z.array(conversationSummarySchema) }),
  ),
  /** One conversation I may read (public channels readable by non-guests without joining). */
  'conversation:get': defineClientEvent(
    conversationRef,
    z.object({ conversation: conversationSchema, isMember: z.boolean() }),
  ),
  /** Members of a conversation I may read. */
  'conversation:members': defineClientEvent(
    conversationRef,
    z.object({ members: z.array(memberSchema), total: z.number().int().nonnegative() }),
  ),
  /** Catch-up: current states of messages changed after the watermark. Ground truth after reconnects. */
  'conversation:sync': defineClientEvent(syncSchema, syncResultSchema),

  /** Public channels (non-guests; guests get only channels they are in). */
  'channel:browse': defineClientEvent(
    z.object({ includeArchived: z.boolean().optional() }).strict(),
    z.object({ channels: z.array(channelListingSchema) }),
  ),
  /** Public: moderators/admins; private: anyone but guests (creator becomes the first member). */
  'channel:create': defineClientEvent(
    z
      .object({
        name: channelName,
        visibility: channelVisibilitySchema,
        topic: topic.optional(),
        description: description.optional(),
        category: category.optional(),
      })
      .strict(),
    z.object({ conversation: conversationSchema }),
  ),
  /** Name/topic/description/category: the creator (private) or moderators/admins. Topic: any member. */
  'channel:update': defineClientEvent(
    z
      .object({
        conversationId: idSchema,
        name: channelName.optional(),
        topic: topic.optional(),
        description: description.optional(),
        category: category.optional(),
      })
      .strict(),
    z.object({ conversation: conversationSchema }),
  ),
  /** Join a public, unarchived channel (not guests). Idempotent. */
  'channel:join': defineClientEvent(
    conversationRef,
    z.object({ conversation: conversationSummarySchema }),
  ),
  /** Leave a channel (not DMs). Idempotent. */
  'channel:leave': defineClientEvent(conversationRef, ok),
  /** Add people to a channel I am in (not guests; private: any member may invite). */
  'channel:invite': defineClientEvent(
    z
      .object({
        conversationId: idSchema,
        userIds: z.array(idSchema).min(1).max(MAX_INVITES_PER_CALL),
      })
      .strict(),
    z.object({ added: z.array(idSchema) }),
  ),
  /** Archive (read-only) or restore: own private channel, or moderators/admins. */
  'channel:archive': defineClientEvent(
    z
      .object({
        conversationId: idSchema,
        archived: z.boolean(),
        /** Staff: why, for the audit log. */
        reason: z.string().trim().max(AUDIT_REASON_MAX).optional(),
      })
      .strict(),
    z.object({ conversation: conversationSchema }),
  ),

  /** Open (or reuse) the DM between me and these people (1..7 others). */
  'dm:open': defineClientEvent(
    z
      .object({
        userIds: z
          .array(idSchema)
          .min(1)
          .max(MAX_DM_PARTICIPANTS - 1),
      })
      .strict(),
    z.object({ conversation: conversationSummarySchema, created: z.boolean() }),
  ),

  /** Post (or reply in a thread). Idempotent per (author, clientId). */
  'message:send': defineClientEvent(messageSendSchema, messageResult),
  /** Edit own message. */
  'message:edit': defineClientEvent(
    z.object({ messageId: idSchema, text: messageTextSchema }).strict(),
    messageResult,
  ),
  /**
   * Delete (tombstone): own message, or any message for moderators/admins who can read it; a
   * moderator removing someone else's message gives a reason (told to the author only).
   */
  'message:delete': defineClientEvent(
    z
      .object({
        messageId: idSchema,
        reason: removalReasonSchema.optional(),
      })
      .strict(),
    messageResult,
  ),
  /** Add or remove my reaction (idempotent). */
  'message:react': defineClientEvent(
    z.object({ messageId: idSchema, emoji: emojiSchema, reacted: z.boolean() }).strict(),
    messageResult,
  ),
  /** Pin/unpin: experts+, or members in a private channel they created; DM participants. */
  'message:pin': defineClientEvent(
    z.object({ messageId: idSchema, pinned: z.boolean() }).strict(),
    messageResult,
  ),
  /** Earlier versions of a message (newest last). */
  'message:edits': defineClientEvent(messageRef, z.object({ edits: z.array(messageEditSchema) })),
  /** Pinned messages of a conversation. */
  'message:pins': defineClientEvent(
    conversationRef,
    z.object({ messages: z.array(messageSchema) }),
  ),
  /** History pages: `before`, `after`, `around`, or the newest page. */
  'message:history': defineClientEvent(historySchema, historyResultSchema),

  /** Move my read mark forward (never back); synced to my other tabs via `readState:updated`. */
  'read:mark': defineClientEvent(
    z.object({ conversationId: idSchema, seq: seqSchema }).strict(),
    z.object({ readState: readStateSchema }),
  ),

  /** Follow or unfollow a thread (posting or replying follows automatically). */
  'thread:follow': defineClientEvent(
    z.object({ threadRootId: idSchema, following: z.boolean() }).strict(),
    z.object({ threadRootId: idSchema, following: z.boolean() }),
  ),
  /** Mark a followed thread read up to reply `seq`. */
  'thread:read': defineClientEvent(
    z.object({ threadRootId: idSchema, seq: seqSchema }).strict(),
    z.object({ threadRootId: idSchema, readSeq: seqSchema }),
  ),
  /** Followed threads, newest activity first; `unreadOnly` for the threads view badge. */
  'thread:list': defineClientEvent(
    z.object({ unreadOnly: z.boolean().optional() }).strict(),
    z.object({ threads: z.array(followedThreadSchema) }),
  ),

  /** I am typing (re-send every ~3 s while typing). Members only; broadcast volatile. */
  'typing:start': defineClientEvent(
    z.object({ conversationId: idSchema, threadRootId: idSchema.nullable().optional() }).strict(),
    ok,
  ),
  'typing:stop': defineClientEvent(
    z.object({ conversationId: idSchema, threadRootId: idSchema.nullable().optional() }).strict(),
    ok,
  ),

  /** People by name prefix (mention autocomplete, invites, DMs). Guests see only their channel peers. */
  'people:search': defineClientEvent(
    z
      .object({
        query: z.string().trim().min(1).max(100),
        /** Limit to members of this conversation (mention autocomplete). */
        conversationId: idSchema.optional(),
      })
      .strict(),
    z.object({ people: z.array(personRefSchema) }),
  ),
};

export const conversationServerEvents = {
  /** To the conversation room: a new message (or thread reply) – full state. */
  'message:created': z.object({ message: messageSchema }),
  /** To the conversation room: edit, delete, reaction, pin, or thread stats changed – full state. */
  'message:updated': z.object({ message: messageSchema }),
  /** To the conversation room: name, topic, description, category or archive changed. */
  'conversation:updated': z.object({ conversation: conversationSchema }),
  /** To the person's own room: they were added (joined, invited, DM opened); sockets already joined the room. */
  'conversation:added': z.object({ conversation: conversationSummarySchema }),
  /** To the person's own room: they left / were removed; sockets already left the room. */
  'conversation:removed': z.object({ conversationId: idSchema }),
  /** To the conversation room. The count arrives as `memberCount:updated`. */
  'member:joined': z.object({ conversationId: idSchema, member: memberSchema }),
  'member:left': z.object({ conversationId: idSchema, userId: idSchema }),
  /**
   * To the conversation room, after every recount (joins, leaves, invites, erasures): the
   * absolute count, so every viewer shows the same number however many facts they missed.
   */
  'memberCount:updated': z.object({
    conversationId: idSchema,
    memberCount: z.number().int().nonnegative(),
  }),
  /**
   * To the rooms of every conversation the person was in, after their account was erased: show
   * them as "deleted user" now (their messages changed too: catch up to get the new states).
   */
  'user:deleted': z.object({ userId: idSchema }),
  /** To the reader's own room (other tabs and devices). */
  'readState:updated': z.object({ readState: readStateSchema }),
  /** To the person's own room. */
  'thread:followChanged': z.object({
    threadRootId: idSchema,
    conversationId: idSchema,
    following: z.boolean(),
  }),
  /** Volatile, to the conversation room except the typing socket. */
  'typing:started': z.object({
    conversationId: idSchema,
    threadRootId: idSchema.nullable(),
    user: personRefSchema,
  }),
  'typing:stopped': z.object({
    conversationId: idSchema,
    threadRootId: idSchema.nullable(),
    userId: idSchema,
  }),
};
