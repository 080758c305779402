import type { ChannelVisibility, ConversationKind } from './conversations.js';
import type { Role } from './roles.js';

/**
 * The table "Who may do what" (ARCHITECTURE.md) as data, and `can()` below, the one evaluator
 * of it: conditional rules name the fact of the situation that decides them. The server's
 * services and the web's screens ask `can()`; the authorisation-matrix test walks every cell
 * against the running server with `can()` as the expectation.
 */
export type Rule =
  | 'yes'
  | 'no'
  /** Only in channels the person was invited to (guest experts). */
  | 'invited-only'
  /** Only when the person is a member of that channel. */
  | 'channel-member'
  /** Only the person's own message / item. */
  | 'own'
  /** Own message, and may delete anybody's. */
  | 'own-delete-any'
  /** Only a private channel the person created. */
  | 'own-private'
  /** Only in a private channel the person created. */
  | 'in-own-private'
  /** Only with people who share one of the person's channels. */
  | 'channel-peers'
  /** Only a conversation the person takes part in. */
  | 'participant';

export const ACTIONS = [
  'channel.browsePublic',
  'channel.createPublic',
  'channel.createPrivate',
  'channel.archive',
  'message.post',
  'message.editOrDelete',
  'message.pin',
  'dm.start',
  'dm.read',
  'user.seeEmail',
  'joinRequest.decide',
  'role.grantExpert',
  'role.grantStaff',
  'audit.read',
  'self.exportOrDelete',
  /** See the people page and the join-request history (decided requests). */
  'people.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

type Row = Record<Role, Rule>;
const row = (guest: Rule, member: Rule, expert: Rule, moderator: Rule, admin: Rule): Row => ({
  guest,
  member,
  expert,
  moderator,
  admin,
});

export const PERMISSIONS: Record<Action, Row> = {
  'channel.browsePublic': row('invited-only', 'yes', 'yes', 'yes', 'yes'),
  'channel.createPublic': row('no', 'no', 'no', 'yes', 'yes'),
  'channel.createPrivate': row('no', 'yes', 'yes', 'yes', 'yes'),
  'channel.archive': row('no', 'own-private', 'own-private', 'yes', 'yes'),
  'message.post': row(
    'channel-member',
    'channel-member',
    'channel-member',
    'channel-member',
    'channel-member',
  ),
  'message.editOrDelete': row('own', 'own', 'own', 'own-delete-any', 'own-delete-any'),
  'message.pin': row('no', 'in-own-private', 'yes', 'yes', 'yes'),
  'dm.start': row('channel-peers', 'yes', 'yes', 'yes', 'yes'),
  'dm.read': row('participant', 'participant', 'participant', 'participant', 'participant'),
  'user.seeEmail': row('no', 'no', 'no', 'yes', 'yes'),
  'joinRequest.decide': row('no', 'no', 'no', 'yes', 'yes'),
  'role.grantExpert': row('no', 'no', 'no', 'yes', 'yes'),
  'role.grantStaff': row('no', 'no', 'no', 'no', 'yes'),
  'audit.read': row('no', 'no', 'no', 'yes', 'yes'),
  'self.exportOrDelete': row('yes', 'yes', 'yes', 'yes', 'yes'),
  'people.manage': row('no', 'no', 'no', 'yes', 'yes'),
};

export const ruleFor = (role: Role, action: Action): Rule => PERMISSIONS[action][role];

/** What a conversation tells about a person's rights in it (server document or client copy). */
export interface ConversationFacts {
  kind: ConversationKind;
  visibility: ChannelVisibility;
  /** The creator's id (the server's ObjectId or the client's string); none for seeded channels. */
  createdBy?: string | { toHexString(): string } | null | undefined;
}

/**
 * The situation a conditional rule is decided in. Omitted facts count as "no", so an action
 * asked without context is allowed only where the table says an unconditional yes.
 */
export interface PermissionContext {
  role: Role;
  /** The acting person; with `conversation`, decides "own private channel". */
  userId?: string;
  /** The conversation acted in. */
  conversation?: ConversationFacts;
  /** The person is a member of the conversation (for a DM: a participant). */
  member?: boolean;
  /** The message or item acted on is the person's own. */
  own?: boolean;
  /** The attempt deletes (rather than edits) a message. */
  deleting?: boolean;
  /** The people the person would talk to each share one of the person's channels. */
  peer?: boolean;
}

/** The person created this conversation (seeded channels have no creator). */
export function isCreatorOf(conversation: ConversationFacts, userId: string | undefined): boolean {
  const { createdBy } = conversation;
  if (!createdBy || userId === undefined) return false;
  return (typeof createdBy === 'string' ? createdBy : createdBy.toHexString()) === userId;
}

const isOwnPrivateChannel = (ctx: PermissionContext): boolean =>
  ctx.conversation !== undefined &&
  ctx.conversation.kind === 'channel' &&
  ctx.conversation.visibility === 'private' &&
  isCreatorOf(ctx.conversation, ctx.userId);

/**
 * The one evaluator of the table: may this person do `action` in this situation? The server's
 * services and the web's screens both ask it, and the authorisation matrix derives every
 * expected outcome from it, so a screen cannot offer what the server refuses.
 */
export function can(action: Action, ctx: PermissionContext): boolean {
  // The pin row speaks of channels; in a DM every participant may pin.
  if (action === 'message.pin' && ctx.conversation?.kind === 'dm') return ctx.member === true;
  const rule = ruleFor(ctx.role, action);
  switch (rule) {
    case 'yes':
      return true;
    case 'no':
      return false;
    case 'invited-only':
    case 'channel-member':
    case 'participant':
      return ctx.member === true;
    case 'own':
      return ctx.own === true;
    case 'own-delete-any':
      return ctx.own === true || ctx.deleting === true;
    case 'own-private':
    case 'in-own-private':
      return isOwnPrivateChannel(ctx);
    case 'channel-peers':
      return ctx.peer === true;
  }
}
