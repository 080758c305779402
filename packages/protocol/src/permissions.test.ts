import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  PERMISSIONS,
  can,
  isCreatorOf,
  mayActOnPerson,
  type ConversationFacts,
  type PermissionContext,
  type Rule,
} from './permissions.js';
import { ROLES } from './roles.js';

const ME = 'a'.repeat(24);
const SOMEONE = 'b'.repeat(24);

const conv = (
  kind: ConversationFacts['kind'],
  visibility: ConversationFacts['visibility'],
  createdBy: ConversationFacts['createdBy'],
): ConversationFacts => ({ kind, visibility, createdBy });

/** Every kind of conversation a rule can meet, and whether it is "my own private channel". */
const CONVERSATIONS: [
  label: string,
  conversation: ConversationFacts | undefined,
  ownPrivate: boolean,
][] = [
  ['no conversation', undefined, false],
  ['own private channel', conv('channel', 'private', ME), true],
  [
    'own private channel (server ObjectId)',
    conv('channel', 'private', { toHexString: () => ME }),
    true,
  ],
  ["someone else's private channel", conv('channel', 'private', SOMEONE), false],
  ['own public channel', conv('channel', 'public', ME), false],
  ['seeded private channel', conv('channel', 'private', null), false],
  ['own DM', conv('dm', 'private', ME), false],
];

type Facts = {
  member: boolean;
  own: boolean;
  deleting: boolean;
  peer: boolean;
  targetStaff: boolean;
  consented: boolean;
};
const BOOLS = [false, true];
const FACTS: Facts[] = BOOLS.flatMap((member) =>
  BOOLS.flatMap((own) =>
    BOOLS.flatMap((deleting) =>
      BOOLS.flatMap((peer) =>
        BOOLS.flatMap((targetStaff) =>
          BOOLS.map((consented) => ({ member, own, deleting, peer, targetStaff, consented })),
        ),
      ),
    ),
  ),
);

/**
 * What each rule's words in the table mean, as the one fact of a situation that allows it.
 * Written from the rules' comments, not from the evaluator.
 */
const MEANING: Record<Rule, (f: Facts & { ownPrivate: boolean }) => boolean> = {
  yes: () => true,
  no: () => false,
  'invited-only': (f) => f.member,
  'channel-member': (f) => f.member,
  participant: (f) => f.member,
  own: (f) => f.own,
  'own-delete-any': (f) => f.own || f.deleting,
  'own-private': (f) => f.ownPrivate,
  'in-own-private': (f) => f.ownPrivate,
  'channel-peers': (f) => f.peer,
  'non-staff': (f) => !f.targetStaff,
  'own-or-consented': (f) => f.own || f.consented,
};

describe('can(): every row of "Who may do what" × every role × capability × every deciding situation', () => {
  for (const action of ACTIONS) {
    for (const role of ROLES) {
      for (const expert of BOOLS) {
        const rule = PERMISSIONS[action][role];
        // The capability adds the "expert" column to a role's; a guest's column is already
        // the guest expert's.
        const extra = expert && role !== 'guest' ? PERMISSIONS[action].expert : 'no';
        it(`${action} as ${role}${expert ? ' + expert' : ''} (${rule} | ${extra})`, () => {
          for (const [label, conversation, ownPrivate] of CONVERSATIONS) {
            for (const facts of FACTS) {
              const ctx: PermissionContext = { role, expert, userId: ME, ...facts };
              if (conversation) ctx.conversation = conversation;
              const pinInDm = action === 'message.pin' && conversation?.kind === 'dm';
              const situation = { ...facts, ownPrivate };
              expect(can(action, ctx), `${label} ${JSON.stringify(facts)}`).toBe(
                pinInDm ? facts.member : MEANING[rule](situation) || MEANING[extra](situation),
              );
            }
          }
        });
      }
    }
  }
});

describe('can(): the cases the screens and services ask', () => {
  const ownPrivate = conv('channel', 'private', ME);

  it('without context allows only an unconditional yes', () => {
    expect(can('channel.createPrivate', { role: 'member' })).toBe(true);
    expect(can('channel.createPublic', { role: 'member' })).toBe(false);
    expect(can('channel.browsePublic', { role: 'guest' })).toBe(false);
    expect(can('message.pin', { role: 'member' })).toBe(false);
    expect(can('channel.archive', { role: 'moderator' })).toBe(true);
  });

  it('pinning: members only in a private channel they created; experts and staff anywhere', () => {
    const inOwn = { userId: ME, conversation: ownPrivate };
    expect(can('message.pin', { role: 'member', ...inOwn })).toBe(true);
    expect(can('message.pin', { role: 'member', userId: SOMEONE, conversation: ownPrivate })).toBe(
      false,
    );
    expect(can('message.pin', { role: 'member', expert: true })).toBe(true);
    // A creator who has since become a guest no longer pins in it.
    expect(can('message.pin', { role: 'guest', ...inOwn })).toBe(false);
  });

  it('pinning in a DM: every participant, whatever the role; nobody else', () => {
    const dm = conv('dm', 'private', SOMEONE);
    for (const role of ROLES) {
      expect(can('message.pin', { role, userId: ME, conversation: dm, member: true })).toBe(true);
      expect(can('message.pin', { role, userId: ME, conversation: dm, member: false })).toBe(false);
    }
  });

  it('archiving: a guest never, even a channel they created before becoming one', () => {
    expect(can('channel.archive', { role: 'guest', userId: ME, conversation: ownPrivate })).toBe(
      false,
    );
    expect(can('channel.archive', { role: 'member', userId: ME, conversation: ownPrivate })).toBe(
      true,
    );
  });

  it('deleting any message is the staff rule, editing stays own', () => {
    expect(can('message.editOrDelete', { role: 'moderator', deleting: true })).toBe(true);
    expect(can('message.editOrDelete', { role: 'moderator', deleting: false })).toBe(false);
    expect(can('message.editOrDelete', { role: 'member', expert: true, deleting: true })).toBe(
      false,
    );
  });

  it('the capability adds to the role, never takes away: a moderator expert still moderates', () => {
    expect(can('joinRequest.decide', { role: 'moderator', expert: true })).toBe(true);
    expect(can('message.editOrDelete', { role: 'moderator', expert: true, deleting: true })).toBe(
      true,
    );
    expect(can('joinRequest.decide', { role: 'member', expert: true })).toBe(false);
    // A guest expert gets the guest column only, not the expert column's plain yes.
    expect(can('channel.browsePublic', { role: 'guest', expert: true })).toBe(false);
  });

  it('suspending: moderators only people who are not staff, admins anyone', () => {
    expect(can('user.suspend', { role: 'moderator', targetStaff: false })).toBe(true);
    expect(can('user.suspend', { role: 'moderator', targetStaff: true })).toBe(false);
    expect(can('user.suspend', { role: 'moderator' })).toBe(false);
    expect(can('user.suspend', { role: 'admin', targetStaff: true })).toBe(true);
    expect(can('user.suspend', { role: 'member', expert: true, targetStaff: false })).toBe(false);
  });
});

describe('mayActOnPerson: the steps a screen offers on a person', () => {
  it('staff act on members and guests; on moderators and admins only admins do', () => {
    for (const target of ROLES)
      for (const role of ROLES)
        expect([role, target, mayActOnPerson({ role }, 'moderation.note', target)]).toEqual([
          role,
          target,
          role === 'admin' || (role === 'moderator' && (target === 'member' || target === 'guest')),
        ]);
    // The capability gives no power over staff.
    expect(mayActOnPerson({ role: 'moderator', expert: true }, 'role.grantExpert', 'admin')).toBe(
      false,
    );
  });
});

describe('isCreatorOf', () => {
  it('compares client ids and server ObjectIds alike; seeded channels have no creator', () => {
    const by = (createdBy: ConversationFacts['createdBy']) => conv('channel', 'public', createdBy);
    expect(isCreatorOf(by(ME), ME)).toBe(true);
    expect(isCreatorOf(by({ toHexString: () => ME }), ME)).toBe(true);
    expect(isCreatorOf(by(SOMEONE), ME)).toBe(false);
    expect(isCreatorOf(by(null), ME)).toBe(false);
    expect(isCreatorOf(by(ME), undefined)).toBe(false);
  });
});
