import type { Role } from './roles.js';

/**
 * The table "Who may do what" (ARCHITECTURE.md) as data. Services consult it for role rules;
 * conditional rules name the condition the service must check. The authorisation-matrix test
 * walks every cell of this table against the running server.
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
};

export const ruleFor = (role: Role, action: Action): Rule => PERMISSIONS[action][role];
/** True only for an unconditional yes; conditional rules need the service's context. */
export const can = (role: Role, action: Action): boolean => ruleFor(role, action) === 'yes';
