/**
 * Every TanStack Query key of the app, in one place: a cache entry is read, written and
 * invalidated under the same spelling everywhere, and one server answer lives under one key.
 * Keys are prefixes of each other on purpose: invalidating `conversations.threads` refreshes
 * both thread lists, `conversations.members()` every members panel.
 */
const conversations = ['conversations'] as const;
const threads = [...conversations, 'threads'] as const;
const members = [...conversations, 'members'] as const;

export const queryKeys = {
  /** The signed-in person (lib/session.ts). Survives sign-out, like `privacy`. */
  session: ['session'] as const,
  /** A statement: the one in force, or an earlier version. `['privacy']` refreshes them all. */
  privacy: (lang: string, version = 'current') => ['privacy', lang, version] as const,
  privacyAll: ['privacy'] as const,
  privacyVersions: ['privacy', 'versions'] as const,
  /** What the signed-in person accepted (personal: not under `privacy`). */
  myPrivacyConsent: (lang: string) => ['my-privacy-consent', lang] as const,
  mySessions: ['my-sessions'] as const,
  myProfile: ['my-profile'] as const,
  /** My push devices and settings (features/push). */
  myPush: ['my-push'] as const,
  /** Which of them is this browser (its own subscription, hashed). */
  myPushThisDevice: ['my-push', 'this-device'] as const,
  /** The first-day welcome: whether to show it (features/welcome). */
  welcome: ['welcome'] as const,
  passwordToken: (token: string) => ['password-token', token] as const,
  setupToken: (token: string) => ['setup-token', token] as const,
  joinStatus: (token: string) => ['join-status', token] as const,

  /** The newest page of my notifications and the unread count (features/notifications). */
  notifications: ['notifications', 'list'] as const,
  notificationPrefs: ['notifications', 'prefs'] as const,

  conversations: {
    /** My conversations with read state, kept current by facts (see ConversationsRuntime). */
    list: [...conversations, 'list'] as const,
    /** `channel:browse`: the browse dialog and the moderator's channel choice share it. */
    browse: [...conversations, 'browse'] as const,
    /** A conversation the reader is not a member of (ConversationPage). */
    outsider: (conversationId: string) => [...conversations, 'get', conversationId] as const,
    members: (conversationId?: string) =>
      conversationId ? ([...members, conversationId] as const) : members,
    people: (q: string) => [...conversations, 'people', q] as const,
    edits: (messageId: string, changeSeq: number) =>
      [...conversations, 'edits', messageId, changeSeq] as const,
    pins: (conversationId: string, version: number) =>
      [...conversations, 'pins', conversationId, version] as const,
    /** Followed threads: the prefix of both lists below. */
    threads,
    followedThreads: [...threads, 'all'] as const,
    unreadThreads: [...threads, 'unread'] as const,
  },

  moderation: {
    /** `moderation:mine`: my notes, warnings and mutes, kept current by facts (ModerationRuntime). */
    mine: ['moderation', 'mine'] as const,
    /** `moderation:person`: one person's ladder, for staff. */
    person: (userId: string) => ['moderation', 'person', userId] as const,
  },

  /** Experts and meetings (features/experts): `experts.all` is the prefix of every answer. */
  experts: {
    all: ['experts'] as const,
    panel: ['experts', 'panel'] as const,
    slots: (expertId: string) => ['experts', 'slots', expertId] as const,
    mine: ['experts', 'mine'] as const,
    meetings: ['experts', 'meetings'] as const,
  },

  /** The good-practices library: `library.all` is the prefix of every library answer. */
  library: {
    all: ['library'] as const,
    list: (query: object) => ['library', 'list', query] as const,
    entry: (entryId: string) => ['library', 'entry', entryId] as const,
    revisions: (entryId: string) => ['library', 'revisions', entryId] as const,
    revision: (entryId: string, n: number) => ['library', 'revision', entryId, n] as const,
    diff: (entryId: string, from: number, to: number) =>
      ['library', 'diff', entryId, from, to] as const,
    validations: (entryId: string) => ['library', 'validations', entryId] as const,
    /** Experts: entries whose review is due. */
    reviewDue: ['library', 'review-due'] as const,
    /** My credit requests (people quoted in a saved chat message). */
    creditRequests: ['library', 'credit-requests'] as const,
  },

  expertsOnline: ['presence', 'experts'] as const,
  /** The people page (staff): `people.all` is the prefix of every list and person. */
  people: {
    all: ['people'] as const,
    list: (filters: object) => ['people', 'list', filters] as const,
    person: (userId: string) => ['people', 'person', userId] as const,
  },
  /** Whom I blocked (`block:list`), replaced by every `block:changed` fact. */
  blocks: ['blocks'] as const,
  search: (q: string) => ['search', q] as const,
  /** The audit log under one filter (AuditPage). */
  audit: (filter: object) => ['audit', filter] as const,
  /** Decided join requests (the moderation page's history). */
  joinRequestHistory: (status: string) => ['join-requests', status] as const,
};

/** What sign-out keeps: everything else in the cache was the person's. */
export const keptAfterSignOut = (key: readonly unknown[]): boolean =>
  key[0] === queryKeys.session[0] || key[0] === 'privacy';
