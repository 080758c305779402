import type { ChannelVisibility, ConversationKind } from './conversations.js';
import { isStaff, type Role } from './roles.js';

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
  | 'participant'
  /** Only people who are not staff (moderators, admins). */
  | 'non-staff'
  /** The person's own item, or someone else's whose owner consented (a question to the library). */
  | 'own-or-consented';

export const ACTIONS = [
  'channel.browsePublic',
  'channel.createPublic',
  'channel.createPrivate',
  'channel.archive',
  'channel.setTopic',
  'message.post',
  'message.editOrDelete',
  'message.pin',
  'dm.start',
  'dm.read',
  'user.seeEmail',
  'joinRequest.decide',
  'role.grantExpert',
  'role.grantStaff',
  'people.read',
  'people.see',
  'user.suspend',
  'guest.manage',
  'audit.read',
  'privacy.publish',
  'moderation.note',
  'moderation.mute',
  'self.exportOrDelete',
  'content.report',
  'content.moderate',
  'person.block',
  'library.read',
  'library.write',
  'library.readDraft',
  'library.delete',
  'library.review',
  'library.clearFlag',
  'library.participate',
  'library.follow',
  // Questions to the experts (issue 13).
  'question.ask',
  'question.reply',
  'question.readPrivate',
  'question.accept',
  'question.endorse',
  'question.queue',
  'question.stats',
  'question.toLibrary',
  // Experts' availability and meetings (experts.ts).
  'experts.read',
  'experts.setAvailability',
  'meeting.book',
  'meeting.cancelAsExpert',
  // Web Push (issue 14, item 5).
  'push.subscribe',
  // Notifications (notifications.ts).
  'notification.own',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * The table's columns: the four roles, and "expert", which speaks of anyone holding the expert
 * capability (beside their role). A guest expert's rights are the guest column alone.
 */
export type Column = Role | 'expert';
type Row = Record<Column, Rule>;
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
  /**
   * Set a channel's topic: its members (never a guest expert), and whoever owns its settings
   * (`channel.archive`: the creator of a private channel, staff), who may change the rest too.
   */
  'channel.setTopic': row('no', 'channel-member', 'channel-member', 'yes', 'yes'),
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
  /** The people page (search, a person's page with e-mail) and the join-request history. */
  'people.read': row('no', 'no', 'no', 'yes', 'yes'),
  /**
   * See a person: find them by name in the people pickers, report their profile. A guest expert
   * sees only the people who share one of their channels (a search is narrowed to them).
   */
  'people.see': row('channel-peers', 'yes', 'yes', 'yes', 'yes'),
  /** Suspend and lift: moderators only people who are not staff. */
  'user.suspend': row('no', 'no', 'no', 'non-staff', 'yes'),
  /** Invite a guest expert, extend or end their time. */
  'guest.manage': row('no', 'no', 'no', 'yes', 'yes'),
  'audit.read': row('no', 'no', 'no', 'yes', 'yes'),
  'privacy.publish': row('no', 'no', 'no', 'no', 'yes'),
  /** A private note or a formal warning from the moderators (on staff: admins only). */
  'moderation.note': row('no', 'no', 'no', 'yes', 'yes'),
  /** Part of the row "see reports, claim and resolve them; remove content; timed mute and lift it". */
  'moderation.mute': row('no', 'no', 'no', 'yes', 'yes'),
  'self.exportOrDelete': row('yes', 'yes', 'yes', 'yes', 'yes'),
  /** The row "report content, block a person" (reporting part): what one can see. */
  'content.report': row('yes', 'yes', 'yes', 'yes', 'yes'),
  /**
   * See reports, claim and resolve them; remove content. A reported DM or private-channel message
   * reaches moderators as that one item (the report's snapshot): `dm.read` still decides the rest.
   */
  'content.moderate': row('no', 'no', 'no', 'yes', 'yes'),
  /** The row "report content, block a person" (blocking part). Never oneself: the service says so. */
  'person.block': row('yes', 'yes', 'yes', 'yes', 'yes'),
  /** Read published library entries (guest experts too). */
  'library.read': row('yes', 'yes', 'yes', 'yes', 'yes'),
  /** Write a draft; publish own draft; edit a published entry; restore a revision (an edit). */
  'library.write': row('no', 'yes', 'yes', 'yes', 'yes'),
  /** See a draft: its author (`own`), and staff. */
  'library.readDraft': row('own', 'own', 'own', 'yes', 'yes'),
  /** Delete an entry: members and experts their own draft (`own` = own draft), staff any. */
  'library.delete': row('no', 'own', 'own', 'yes', 'yes'),
  /** Stamp "expert reviewed" and remove a stamp. */
  'library.review': row('no', 'no', 'yes', 'no', 'no'),
  /** Clear a "needs updating" flag. */
  'library.clearFlag': row('no', 'no', 'yes', 'yes', 'yes'),
  /** "We tried this too"; flag "needs updating"; post in an entry's discussion. */
  'library.participate': row('no', 'yes', 'yes', 'yes', 'yes'),
  /** Follow an entry one may read (told of its changes): whoever reads, guest experts too. */
  'library.follow': row('yes', 'yes', 'yes', 'yes', 'yes'),
  // Questions to the experts (issue 13). A guest expert acts only on the open questions of the
  // channels they were invited to ("channel-member": the question's channel), never a private one.
  /** Ask the experts, in the open or privately to the experts only. */
  'question.ask': row('no', 'yes', 'yes', 'yes', 'yes'),
  /** Reply to an open question (a private one: whoever may read it, `question.readPrivate`). */
  'question.reply': row('channel-member', 'yes', 'yes', 'yes', 'yes'),
  /** See a private question and reply to it: its asker and the experts (not guest experts). */
  'question.readPrivate': row('no', 'own', 'yes', 'own', 'own'),
  /** Accept a reply as the answer, reopen: the asker. */
  'question.accept': row('no', 'own', 'own', 'own', 'own'),
  /** Endorse an answer as an expert. */
  'question.endorse': row('channel-member', 'no', 'yes', 'no', 'no'),
  /** See the question queue, claim a question (private ones: `question.readPrivate` too). */
  'question.queue': row('channel-member', 'no', 'yes', 'yes', 'yes'),
  /** Time to the first expert reply and the share answered, per month and topic. */
  'question.stats': row('no', 'no', 'yes', 'no', 'yes'),
  /** Turn an answered question into a library draft: the asker, others with the asker's consent. */
  'question.toLibrary': row(
    'no',
    'own',
    'own-or-consented',
    'own-or-consented',
    'own-or-consented',
  ),
  /** The experts panel: profiles, who is available now, next free times, an expert's slots. */
  'experts.read': row('yes', 'yes', 'yes', 'yes', 'yes'),
  /** Set own expert profile, status, office hours and away days ("–" for staff: via the capability). */
  'experts.setAvailability': row('yes', 'no', 'yes', 'no', 'no'),
  /** Book a meeting with an expert; cancel own booking. */
  'meeting.book': row('no', 'yes', 'yes', 'yes', 'yes'),
  /** Cancel a booking made with me (the service finds only meetings with the actor). */
  'meeting.cancelAsExpert': row('yes', 'no', 'yes', 'no', 'no'),
  /**
   * Turn push on for one's own device; list, test and remove one's own devices; choose whether
   * a pushed private message shows its words. Only one's own: the service never finds another's.
   */
  'push.subscribe': row('yes', 'yes', 'yes', 'yes', 'yes'),
  /** List and mark read one's own notifications; read and change one's own notification settings. */
  'notification.own': row('yes', 'yes', 'yes', 'yes', 'yes'),
};

export const ruleFor = (column: Column, action: Action): Rule => PERMISSIONS[action][column];

/**
 * The columns that speak for a person: their role's, and the "expert" column when they hold the
 * capability. A guest's rights are their own column only (it is the guest expert's).
 */
export const columnsOf = (ctx: { role: Role; expert?: boolean | undefined }): Column[] =>
  ctx.expert === true && ctx.role !== 'guest' ? [ctx.role, 'expert'] : [ctx.role];

/** The most a rule-free "yes" check needs: does any of the person's columns say plain yes? */
export const saysYes = (ctx: { role: Role; expert?: boolean | undefined }, action: Action) =>
  columnsOf(ctx).some((c) => ruleFor(c, action) === 'yes');

/**
 * Which row governs giving (or taking away) `role`: staff roles are admins' call, a guest
 * expert's is "invite a guest expert", the rest (member, the expert capability) moderators'.
 */
export const grantActionFor = (role: Role | 'expert'): Action =>
  role === 'moderator' || role === 'admin'
    ? 'role.grantStaff'
    : role === 'guest'
      ? 'guest.manage'
      : 'role.grantExpert';

/**
 * Whether a step on a person (the expert capability, a note, a warning, a mute) is the actor's
 * to take: the action's row, and for a moderator or an admin as the target also the row
 * "make someone a moderator or admin" (staff are acted on by admins only, as the server checks).
 */
export const mayActOnPerson = (
  ctx: { role: Role; expert?: boolean | undefined },
  action: Action,
  targetRole: Role,
): boolean => can(action, ctx) && (!isStaff(targetRole) || can('role.grantStaff', ctx));

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
  /** Holds the expert capability: the "expert" column is added to the role's (never a guest's). */
  expert?: boolean | undefined;
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
  /** The person acted on is a moderator or an admin (for "non-staff"). */
  targetStaff?: boolean;
  /** The owner of the item acted on consented (for "own-or-consented"). */
  consented?: boolean;
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
  // A person's rights are the union of their columns (role, and the capability's).
  return columnsOf(ctx).some((column) => allows(ruleFor(column, action), ctx));
}

function allows(rule: Rule, ctx: PermissionContext): boolean {
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
    case 'non-staff':
      return ctx.targetStaff === false;
    case 'own-or-consented':
      return ctx.own === true || ctx.consented === true;
  }
}
