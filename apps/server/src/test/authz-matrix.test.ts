import {
  draftContent,
  ACTIONS,
  PERMISSIONS,
  PRIVACY_VERSION_EXISTS,
  ROLES,
  can,
  defaultNotificationPrefs,
  type Action,
  type ClientEventName,
  type Conversation,
  type LibraryContentInput,
  type PermissionContext,
  type Role,
} from '@yhteistyotila/protocol';
import { describe, expect, it } from 'vitest';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createECDH, randomBytes } from 'node:crypto';
import { NOT_FOUND_MESSAGE } from '../errors.js';
import { JoinRequestModel } from '../features/access/join-request.model.js';
import { UserModel } from '../auth/user.model.js';
import { call, clientId, connectReady, ok } from './sockets.js';
import { createUser, type TestUser } from './factories.js';
import { barrier, type TestSocket, useTestServer } from './harness.js';
import { api, downloadMyData } from './access-helpers.js';
import { oid } from '../db/object-id.js';
import { LibraryEntryModel, LibraryRevisionModel } from '../features/library/index.js';
import { QuestionModel, QuestionReplyModel } from '../features/questions/question.model.js';
import { ASK_CHANNEL_KEY } from '../features/questions/questions.service.js';
import { ConversationModel, MembershipModel } from '../features/conversations/index.js';
import { MeetingModel } from '../features/experts/meeting.model.js';
import { NotificationModel } from '../features/notifications/notification.model.js';

/**
 * The table "Who may do what" (packages/protocol/src/permissions.ts) walked against the running
 * server: every action × every role, with and without the expert capability (a guest expert
 * always holds it) × the membership states that decide conditional rules.
 * The expected outcome is the shared evaluator's answer (`can()`, the one the services and the
 * screens ask), never written by hand here, so a change to the table, the evaluator or the
 * server that disagrees with the others fails a cell. A denied attempt must
 * answer FORBIDDEN or NOT_FOUND and broadcast nothing to anybody (actor, channel members,
 * moderators).
 */

const server = useTestServer();

/**
 * What decides a conditional rule in one situation: the evaluator's facts (the actor's role
 * and id are added per cell), with the conversation as the server answered it.
 */
interface Situation extends Omit<PermissionContext, 'role' | 'expert' | 'userId'> {
  /**
   * The attempt places someone in a channel (approval with channels): it also needs the row
   * "create a private channel, invite to it", in a channel the actor could invite into (public,
   * or private and theirs to be in). True when the channel is such a channel.
   */
  invitable?: boolean;
  /**
   * The attempt acts on a moderator or an admin (a ladder step): moderators act on non-staff
   * only, as with suspension, so it also needs the row "make someone a moderator or admin".
   */
  targetStaff?: boolean;
}

/** The evaluator's answer for this actor in this situation. */
/** The evaluator's answer; `targetStaff` is a fact of it too (the "non-staff" rule). */
const expected = (action: Action, actor: Person, { invitable: _, ...facts }: Situation) =>
  can(action, {
    role: actor.user.role,
    expert: actor.user.expert,
    userId: actor.user.id,
    ...facts,
  });

/** The table's columns as people: each role, and each but the guest's also with the capability. */
const ACTORS: { role: Role; expert: boolean }[] = ROLES.flatMap(
  (role): { role: Role; expert: boolean }[] =>
    role === 'guest'
      ? [{ role, expert: true }]
      : [
          { role, expert: false },
          { role, expert: true },
        ],
);

interface Person {
  user: TestUser;
  socket: TestSocket;
  /** Every event this socket received since the last clear, with its payload as JSON. */
  events: { event: string; json: string }[];
}

/**
 * Ids of everything one cell's world made (people, channels, messages). Cells run
 * concurrently, so a socket may also hear about other worlds (presence, the moderators' room);
 * only events that name something of this world count as a leak of a denied action.
 */
const worldIds = new AsyncLocalStorage<Set<string>>();
const track = (value: unknown) => {
  const ids = worldIds.getStore();
  for (const id of JSON.stringify(value ?? null).match(/[0-9a-f]{24}/g) ?? []) ids?.add(id);
};
/** `ok` that remembers the ids in the answer as part of this world. */
const okT: typeof ok = async (socket, event, payload) => {
  const data = await ok(socket, event, payload);
  track(data);
  return data;
};
/** Presence is broadcast when any socket connects: ambient, never caused by the attempt. */
const AMBIENT = /^presence:/;

async function person(role: Role, expert = false): Promise<Person> {
  const user = await createUser(server.application, { role, expert });
  track(user.id);
  const socket = await connectReady(server, user.cookie);
  const events: Person['events'] = [];
  socket.onAny((event: string, payload: unknown) =>
    events.push({ event, json: JSON.stringify(payload ?? null) }),
  );
  return { user, socket, events };
}

function leaks(p: Person): string[] {
  const ids = [...(worldIds.getStore() ?? [])];
  return p.events
    .filter((e) => !AMBIENT.test(e.event) && ids.some((id) => e.json.includes(id)))
    .map((e) => e.event);
}

/** An attempt's outcome: allowed, or denied with a typed code (and the error's message). */
type Outcome = { allowed: boolean; code: string; message?: string | undefined };
const fromAck = (res: { ok: boolean; error?: { code: string; message: string } }): Outcome => ({
  allowed: res.ok,
  code: res.ok ? 'OK' : (res.error?.code ?? '?'),
  message: res.error?.message,
});
const DENIAL_CODES = ['FORBIDDEN', 'NOT_FOUND'];
type DenialCode = 'FORBIDDEN' | 'NOT_FOUND';
/** A NOT_FOUND that names what was missing tells a hidden id from an absent one. */
const namesWhatIsMissing = (o: Outcome) =>
  o.code === 'NOT_FOUND' && o.message !== NOT_FOUND_MESSAGE;

interface World {
  attempt: () => Promise<Outcome>;
  situation: Situation;
  observers: Person[];
}

interface Cell {
  action: Action;
  state: string;
  /** The socket event or HTTP call that exercises the action. */
  via: string;
  setup: (actor: Person, role: Role) => Promise<World>;
  /** Where the product fixes which of the denial codes a refusal answers (else either). */
  denied?: DenialCode | ((role: Role) => DenialCode);
}

let serial = 0;
/** Channel names are unique; every world gets its own. */
const unique = (label: string) => `${label} ${++serial}`;

/** A channel created by a fresh owner (admin for public channels), with a bystander member. */
async function channel(visibility: 'public' | 'private', ownerRole: Role = 'admin') {
  const owner = await person(ownerRole);
  const bystander = await person('member');
  const { conversation } = await okT(owner.socket, 'channel:create', {
    name: unique(`authz ${visibility}`),
    visibility,
  });
  await okT(owner.socket, 'channel:invite', {
    conversationId: conversation.id,
    userIds: [bystander.user.id],
  });
  return { id: conversation.id, conversation, owner, bystander };
}
const invite = (inviter: Person, conversationId: string, who: Person) =>
  okT(inviter.socket, 'channel:invite', { conversationId, userIds: [who.user.id] });
const post = async (author: Person, conversationId: string) =>
  (
    await okT(author.socket, 'message:send', {
      conversationId,
      clientId: clientId(),
      text: 'authz matrix',
    })
  ).message.id;
const canCreatePrivate = (role: Role) => can('channel.createPrivate', { role });
/** A DM a member opened with the actor, with one message of theirs in it. */
async function dmWithMessage(actor: Person) {
  const other = await person('member');
  const { conversation } = await okT(other.socket, 'dm:open', { userIds: [actor.user.id] });
  return { other, conversation, messageId: await post(other, conversation.id) };
}
/**
 * A private channel the actor created, with a member bystander. A role that cannot create
 * private channels cannot own one: it gets someone else's, as an invitee.
 */
async function ownPrivateChannel(
  actor: Person,
  role: Role,
  label: string,
): Promise<{ conversation: Conversation; observers: Person[] }> {
  if (canCreatePrivate(role)) {
    const bystander = await person('member');
    const { conversation } = await okT(actor.socket, 'channel:create', {
      name: unique(label),
      visibility: 'private',
    });
    await invite(actor, conversation.id, bystander);
    return { conversation, observers: [bystander] };
  }
  const ch = await channel('private', 'member');
  await invite(ch.owner, ch.id, actor);
  return { conversation: ch.conversation, observers: [ch.owner, ch.bystander] };
}
/** The second rule of a cell that places someone in a channel (Situation.invitable). */
const mayPlace = (role: Role, s: Situation) =>
  s.invitable === undefined || (s.invitable && canCreatePrivate(role));
/** The second rule of a ladder step on staff (Situation.targetStaff). */
const mayActOn = (role: Role, s: Situation) => !s.targetStaff || can('role.grantStaff', { role });

/** A ladder step from the actor to `target`: a warning, a mute in `channelId`, or lifting one. */
const ladderStep = {
  warn: (actor: Person, target: Person) =>
    call(actor.socket, 'moderation:notify', {
      userId: target.user.id,
      kind: 'warning',
      template: 'tone',
      reason: 'matriisi',
    }),
  mute: (actor: Person, target: Person, conversationId: string) =>
    call(actor.socket, 'moderation:mute', {
      userId: target.user.id,
      conversationId,
      duration: '1h',
      reason: 'matriisi',
    }),
};

/** A verified join request waiting for a moderator (made directly: the join form has its own tests). */
async function pendingRequest() {
  const doc = await JoinRequestModel.create({
    name: 'Matriisi Hakija',
    email: `matrix-${++serial}-${randomBytes(4).toString('hex')}@example.test`,
    municipalityCode: '091',
    language: 'fi',
    status: 'pending',
    createdAt: new Date(),
    verifiedAt: new Date(),
  });
  const id = doc._id.toHexString();
  track(id);
  return { id, email: doc.email };
}

/**
 * Approval with one chosen channel. Denied means nothing written: the request still pending,
 * no account, so a refusal that approved anyway counts as allowed.
 */
async function approveInto(actor: Person, channelId: string): Promise<Outcome> {
  const request = await pendingRequest();
  const res = await call(actor.socket, 'joinRequest:approve', {
    id: request.id,
    role: 'member',
    channelIds: [channelId],
  });
  if (res.ok) return fromAck(res);
  const stored = await JoinRequestModel.findById(request.id).lean();
  const written =
    stored?.status !== 'pending' || (await UserModel.exists({ email: request.email })) !== null;
  return written ? { allowed: true, code: `${res.error.code}, but written` } : fromAck(res);
}

/** A library entry's content (the matrix asks who may act, not what the text is). */
const LIBRARY_CONTENT: LibraryContentInput = draftContent({
  title: 'Matriisin käytäntö',
  body: 'Teksti',
  language: 'fi',
  level: 'national',
});
/**
 * An entry of `author` with its first revision, stored directly (any role may own one). Where
 * ownership decides nothing, an entry whose author's account was erased (null): one person
 * fewer per cell keeps the matrix quick.
 */
async function libraryEntry(
  author: Person | null,
  status: 'draft' | 'published',
  extra: Record<string, unknown> = {},
): Promise<string> {
  const now = new Date();
  const authorId = author ? oid(author.user.id) : null;
  const entry = await LibraryEntryModel.create({
    ...LIBRARY_CONTENT,
    ...extra,
    status,
    revision: 1,
    authorId,
    editorId: authorId,
    createdAt: now,
    updatedAt: now,
    publishedAt: status === 'published' ? now : null,
  });
  await LibraryRevisionModel.create({
    ...LIBRARY_CONTENT,
    entryId: entry._id,
    number: 1,
    editorId: authorId,
    createdAt: now,
  });
  const id = entry._id.toHexString();
  track(id);
  return id;
}

/** Every day 00:00-23:30 in the expert's zone, 30-minute slots, online meetings. */
const EXPERT_PROFILE = {
  topics: ['Matriisi'],
  organisation: '',
  introduction: '',
  phone: '',
  meetingLink: 'https://meet.example.fi/matriisi',
  slotMinutes: 30,
  officeHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:30' })),
};
/** A fresh expert with office hours, and a free slot of theirs an hour or more away. */
async function expertWithSlot() {
  const expert = await person('member', true);
  await okT(expert.socket, 'experts:save', EXPERT_PROFILE);
  const { slots } = await okT(expert.socket, 'experts:slots', { expertId: expert.user.id });
  const slot = slots.find((x) => x.free && Date.parse(x.start) > Date.now() + 3_600_000);
  if (!slot) throw new Error('no free slot');
  return { expert, start: slot.start };
}
/** A meeting booked with `expert` (whoever they are) by `booker`, written directly. */
async function meetingWith(expert: Person, booker: Person): Promise<string> {
  const start = new Date(Date.now() + 2 * 86_400_000);
  const doc = await MeetingModel.create({
    expertId: oid(expert.user.id),
    bookerId: oid(booker.user.id),
    start,
    end: new Date(start.getTime() + 1_800_000),
    topic: 'Matriisi',
    mode: 'online',
    createdAt: new Date(),
  });
  track(doc._id.toHexString());
  return doc._id.toHexString();
}

const cells: Cell[] = [
  {
    action: 'channel.browsePublic',
    state: 'public channel, not a member',
    via: 'channel:browse lists it',
    async setup(actor) {
      const ch = await channel('public');
      return {
        situation: { member: false },
        observers: [ch.owner, ch.bystander],
        attempt: async () => {
          const { channels } = await ok(actor.socket, 'channel:browse', {});
          return { allowed: channels.some((c) => c.id === ch.id), code: 'listed?' };
        },
      };
    },
  },
  {
    action: 'channel.browsePublic',
    state: 'public channel, not a member',
    via: 'channel:join',
    denied: 'NOT_FOUND',
    async setup(actor) {
      const ch = await channel('public');
      return {
        situation: { member: false },
        observers: [ch.owner, ch.bystander],
        attempt: async () =>
          fromAck(await call(actor.socket, 'channel:join', { conversationId: ch.id })),
      };
    },
  },
  {
    action: 'channel.browsePublic',
    state: 'public channel, invited member',
    via: 'channel:browse lists it',
    async setup(actor) {
      const ch = await channel('public');
      await invite(ch.owner, ch.id, actor);
      return {
        situation: { member: true },
        observers: [ch.owner, ch.bystander],
        attempt: async () => {
          const { channels } = await ok(actor.socket, 'channel:browse', {});
          return { allowed: channels.some((c) => c.id === ch.id), code: 'listed?' };
        },
      };
    },
  },
  {
    action: 'channel.createPublic',
    state: '-',
    denied: 'FORBIDDEN',
    via: 'channel:create public',
    async setup(actor) {
      const mod = await person('moderator');
      return {
        situation: {},
        observers: [mod],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'channel:create', {
              name: unique('authz public'),
              visibility: 'public',
            }),
          ),
      };
    },
  },
  {
    action: 'channel.createPrivate',
    state: '-',
    denied: 'FORBIDDEN',
    via: 'channel:create private',
    async setup(actor) {
      const mod = await person('moderator');
      return {
        situation: {},
        observers: [mod],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'channel:create', {
              name: unique('authz private'),
              visibility: 'private',
            }),
          ),
      };
    },
  },
  {
    action: 'channel.archive',
    state: "someone else's public channel, member",
    denied: 'FORBIDDEN',
    via: 'channel:archive',
    async setup(actor) {
      const ch = await channel('public');
      await invite(ch.owner, ch.id, actor);
      return {
        situation: { conversation: ch.conversation },
        observers: [ch.owner, ch.bystander],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'channel:archive', { conversationId: ch.id, archived: true }),
          ),
      };
    },
  },
  {
    action: 'channel.archive',
    state: "someone else's private channel, member",
    denied: 'FORBIDDEN',
    via: 'channel:archive',
    async setup(actor) {
      const ch = await channel('private', 'member');
      await invite(ch.owner, ch.id, actor);
      return {
        situation: { conversation: ch.conversation },
        observers: [ch.owner, ch.bystander],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'channel:archive', { conversationId: ch.id, archived: true }),
          ),
      };
    },
  },
  {
    action: 'channel.archive',
    state: 'own private channel',
    via: 'channel:archive',
    async setup(actor, role) {
      const { conversation, observers } = await ownPrivateChannel(actor, role, 'authz own');
      return {
        situation: { conversation },
        observers,
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'channel:archive', {
              conversationId: conversation.id,
              archived: true,
            }),
          ),
      };
    },
  },
  {
    action: 'message.post',
    state: 'channel member',
    via: 'message:send',
    async setup(actor) {
      const ch = await channel('public');
      await invite(ch.owner, ch.id, actor);
      return {
        situation: { member: true },
        observers: [ch.owner, ch.bystander],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'message:send', {
              conversationId: ch.id,
              clientId: clientId(),
              text: 'hei',
            }),
          ),
      };
    },
  },
  {
    action: 'message.post',
    state: 'not a member of a public channel',
    denied: (role) =>
      PERMISSIONS['channel.browsePublic'][role] === 'yes' ? 'FORBIDDEN' : 'NOT_FOUND',
    via: 'message:send',
    async setup(actor) {
      const ch = await channel('public');
      return {
        situation: { member: false },
        observers: [ch.owner, ch.bystander],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'message:send', {
              conversationId: ch.id,
              clientId: clientId(),
              text: 'hei',
            }),
          ),
      };
    },
  },
  {
    action: 'message.post',
    state: 'not a member of a private channel',
    via: 'message:send',
    async setup(actor) {
      const ch = await channel('private', 'member');
      return {
        situation: { member: false },
        observers: [ch.owner, ch.bystander],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'message:send', {
              conversationId: ch.id,
              clientId: clientId(),
              text: 'hei',
            }),
          ),
      };
    },
  },
  {
    action: 'message.post',
    state: 'thread reply, not a member',
    via: 'message:send with threadRootId',
    async setup(actor) {
      const ch = await channel('public');
      const root = await post(ch.owner, ch.id);
      return {
        situation: { member: false },
        observers: [ch.owner, ch.bystander],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'message:send', {
              conversationId: ch.id,
              clientId: clientId(),
              text: 'vastaus',
              threadRootId: root,
            }),
          ),
      };
    },
  },
  {
    action: 'message.post',
    state: 'react, not a member',
    via: 'message:react',
    async setup(actor) {
      const ch = await channel('public');
      const id = await post(ch.owner, ch.id);
      return {
        situation: { member: false },
        observers: [ch.owner, ch.bystander],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'message:react', {
              messageId: id,
              emoji: '👍',
              reacted: true,
            }),
          ),
      };
    },
  },
  ...(['edit', 'delete'] as const).flatMap((verb): Cell[] => [
    {
      action: 'message.editOrDelete',
      state: `own message, ${verb}`,
      via: `message:${verb}`,
      async setup(actor) {
        const ch = await channel('public');
        await invite(ch.owner, ch.id, actor);
        const id = await post(actor, ch.id);
        return {
          situation: { own: true, deleting: verb === 'delete' },
          observers: [ch.owner, ch.bystander],
          attempt: async () =>
            fromAck(
              verb === 'edit'
                ? await call(actor.socket, 'message:edit', { messageId: id, text: 'muokattu' })
                : await call(actor.socket, 'message:delete', { messageId: id }),
            ),
        };
      },
    },
    {
      action: 'message.editOrDelete',
      state: `someone else's message, ${verb}`,
      via: `message:${verb}`,
      denied: 'FORBIDDEN',
      async setup(actor) {
        const ch = await channel('public');
        await invite(ch.owner, ch.id, actor);
        const id = await post(ch.bystander, ch.id);
        return {
          situation: { own: false, deleting: verb === 'delete' },
          observers: [ch.owner, ch.bystander],
          attempt: async () =>
            fromAck(
              verb === 'edit'
                ? await call(actor.socket, 'message:edit', { messageId: id, text: 'muokattu' })
                : await call(actor.socket, 'message:delete', { messageId: id, reason: 'matriisi' }),
            ),
        };
      },
    },
  ]),
  {
    action: 'message.pin',
    state: 'public channel, member',
    denied: 'FORBIDDEN',
    via: 'message:pin',
    async setup(actor) {
      const ch = await channel('public');
      await invite(ch.owner, ch.id, actor);
      const id = await post(ch.bystander, ch.id);
      return {
        situation: { conversation: ch.conversation },
        observers: [ch.owner, ch.bystander],
        attempt: async () =>
          fromAck(await call(actor.socket, 'message:pin', { messageId: id, pinned: true })),
      };
    },
  },
  {
    action: 'message.pin',
    state: 'own private channel',
    via: 'message:pin',
    async setup(actor, role) {
      const { conversation, observers } = await ownPrivateChannel(actor, role, 'authz pin');
      const messageId = await post(observers[0] as Person, conversation.id);
      return {
        situation: { conversation },
        observers,
        attempt: async () =>
          fromAck(await call(actor.socket, 'message:pin', { messageId, pinned: true })),
      };
    },
  },
  {
    action: 'message.pin',
    state: 'DM participant',
    via: 'message:pin',
    async setup(actor) {
      const { other, conversation, messageId } = await dmWithMessage(actor);
      return {
        situation: { conversation, member: true },
        observers: [other],
        attempt: async () =>
          fromAck(await call(actor.socket, 'message:pin', { messageId, pinned: true })),
      };
    },
  },
  {
    action: 'dm.start',
    state: 'with a peer from a shared channel',
    via: 'dm:open',
    async setup(actor) {
      const ch = await channel('private', 'member');
      await invite(ch.owner, ch.id, actor);
      return {
        situation: { peer: true },
        observers: [ch.owner, ch.bystander],
        attempt: async () =>
          fromAck(await call(actor.socket, 'dm:open', { userIds: [ch.bystander.user.id] })),
      };
    },
  },
  {
    action: 'dm.start',
    state: 'with a stranger',
    denied: 'NOT_FOUND',
    via: 'dm:open',
    async setup(actor) {
      const stranger = await person('member');
      return {
        situation: { peer: false },
        observers: [stranger],
        attempt: async () =>
          fromAck(await call(actor.socket, 'dm:open', { userIds: [stranger.user.id] })),
      };
    },
  },
  {
    action: 'dm.read',
    state: 'participant',
    via: 'message:history of the DM',
    async setup(actor) {
      const { other, conversation } = await dmWithMessage(actor);
      return {
        situation: { member: true },
        observers: [other],
        attempt: async () =>
          fromAck(await call(actor.socket, 'message:history', { conversationId: conversation.id })),
      };
    },
  },
  {
    action: 'dm.read',
    state: 'not a participant',
    via: 'history, get, members, sync, pins, send, read:mark (each must be denied)',
    async setup(actor) {
      const [a, b, mod] = await Promise.all([
        person('member'),
        person('member'),
        person('moderator'),
      ]);
      const { conversation } = await okT(a.socket, 'dm:open', { userIds: [b.user.id] });
      await post(a, conversation.id);
      const conversationId = conversation.id;
      const attempts: [ClientEventName, unknown][] = [
        ['message:history', { conversationId }],
        ['conversation:get', { conversationId }],
        ['conversation:members', { conversationId }],
        ['conversation:sync', { conversationId, sinceChangeSeq: 0 }],
        ['message:pins', { conversationId }],
        ['message:send', { conversationId, clientId: clientId(), text: 'kurkistus' }],
        ['read:mark', { conversationId, seq: 1 }],
      ];
      const emit = actor.socket.timeout(15000).emitWithAck as unknown as (
        e: string,
        p: unknown,
      ) => Promise<{ ok: boolean; error?: { code: string; message: string } }>;
      return {
        situation: { member: false },
        observers: [a, b, mod],
        attempt: async () => {
          const outcomes = await Promise.all(
            attempts.map(async ([event, payload]) => ({
              event,
              ...fromAck(await emit.call(actor.socket.timeout(15000), event, payload)),
            })),
          );
          const wrong = outcomes.find(
            (o) => o.allowed || !DENIAL_CODES.includes(o.code) || namesWhatIsMissing(o),
          );
          return wrong
            ? { allowed: wrong.allowed, code: `${wrong.event}: ${wrong.code} ${wrong.message}` }
            : { allowed: false, code: 'NOT_FOUND', message: NOT_FOUND_MESSAGE };
        },
      };
    },
  },
  {
    action: 'joinRequest.decide',
    state: '-',
    via: 'joinRequest:list',
    async setup(actor) {
      const mod = await person('moderator');
      return {
        situation: {},
        observers: [mod],
        attempt: async () => fromAck(await call(actor.socket, 'joinRequest:list', {})),
      };
    },
  },
  {
    action: 'joinRequest.decide',
    state: 'approve into a public channel not joined',
    via: 'joinRequest:approve with channelIds',
    async setup(actor) {
      const [ch, mod] = await Promise.all([channel('public'), person('moderator')]);
      return {
        situation: { invitable: true },
        observers: [ch.owner, ch.bystander, mod],
        attempt: () => approveInto(actor, ch.id),
      };
    },
  },
  {
    action: 'joinRequest.decide',
    state: 'approve into a private channel the actor is in',
    via: 'joinRequest:approve with channelIds',
    async setup(actor) {
      const [ch, mod] = await Promise.all([channel('private', 'member'), person('moderator')]);
      await invite(ch.owner, ch.id, actor);
      return {
        situation: { invitable: true },
        observers: [ch.owner, ch.bystander, mod],
        attempt: () => approveInto(actor, ch.id),
      };
    },
  },
  {
    action: 'joinRequest.decide',
    state: 'approve into a private channel the actor is not in',
    via: 'joinRequest:approve with channelIds',
    async setup(actor) {
      const [ch, mod] = await Promise.all([channel('private', 'member'), person('moderator')]);
      return {
        situation: { invitable: false },
        observers: [ch.owner, ch.bystander, mod],
        attempt: () => approveInto(actor, ch.id),
      };
    },
  },
  ...[false, true].map((holds): Cell => ({
    action: 'role.grantExpert',
    state: holds ? 'a member holding the capability' : 'a member',
    via: `user:setExpert ${!holds}`,
    async setup(actor) {
      const [target, mod] = await Promise.all([person('member', holds), person('moderator')]);
      return {
        situation: {},
        observers: [target, mod],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'user:setExpert', {
              userId: target.user.id,
              expert: !holds,
            }),
          ),
      };
    },
  })),
  {
    action: 'guest.manage',
    state: 'a member',
    via: 'user:setRole guest',
    async setup(actor) {
      const [target, mod] = await Promise.all([person('member'), person('moderator')]);
      const guestUntil = new Date(Date.now() + 86_400_000).toISOString();
      return {
        situation: {},
        observers: [target, mod],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'user:setRole', {
              userId: target.user.id,
              role: 'guest',
              guestUntil,
            }),
          ),
      };
    },
  },
  ...(['moderator', 'admin'] as const).map((role): Cell => ({
    action: 'role.grantStaff',
    state: 'a member',
    via: `user:setRole ${role}`,
    async setup(actor) {
      const [target, mod] = await Promise.all([person('member'), person('moderator')]);
      return {
        situation: {},
        observers: [target, mod],
        attempt: async () =>
          fromAck(await call(actor.socket, 'user:setRole', { userId: target.user.id, role })),
      };
    },
  })),
  {
    action: 'guest.manage',
    state: 'a guest expert',
    via: 'user:setGuestUntil (extend)',
    async setup(actor) {
      const [target, mod] = await Promise.all([person('guest'), person('moderator')]);
      const guestUntil = new Date(Date.now() + 30 * 86_400_000).toISOString();
      return {
        situation: {},
        observers: [target, mod],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'user:setGuestUntil', { userId: target.user.id, guestUntil }),
          ),
      };
    },
  },
  {
    action: 'guest.manage',
    state: 'a guest expert',
    via: 'user:endGuest',
    async setup(actor) {
      const [target, mod] = await Promise.all([person('guest'), person('moderator')]);
      return {
        situation: {},
        // The guest's own socket is closed when allowed: it observes nothing.
        observers: [mod],
        attempt: async () =>
          fromAck(await call(actor.socket, 'user:endGuest', { userId: target.user.id })),
      };
    },
  },
  ...[true, false].map((member): Cell => ({
    action: 'channel.setTopic',
    state: `public channel, ${member ? 'invited member' : 'not a member'}`,
    via: 'channel:update (topic)',
    async setup(actor) {
      const ch = await channel('public');
      if (member) await invite(ch.owner, ch.id, actor);
      return {
        situation: { conversation: ch.conversation, member },
        observers: [ch.owner, ch.bystander],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'channel:update', { conversationId: ch.id, topic: 'uusi' }),
          ),
      };
    },
  })),
  ...[true, false].flatMap((peer): Cell[] => {
    /** Someone named uniquely, in a channel with the actor (a peer) or in none of theirs. */
    const somebody = async (actor: Person) => {
      const target = await createUser(server.application, { name: unique('Etsittävä') });
      track(target.id);
      const ch = await channel('private', 'member');
      await invite(ch.owner, ch.id, peer ? actor : ch.bystander);
      await okT(ch.owner.socket, 'channel:invite', {
        conversationId: ch.id,
        userIds: [target.id],
      });
      return { target, observers: [ch.owner, ch.bystander] };
    };
    const state = peer ? 'a peer from a shared channel' : 'a stranger';
    return [
      {
        action: 'people.see',
        state,
        via: 'people:search lists them',
        async setup(actor) {
          const { target, observers } = await somebody(actor);
          return {
            situation: { peer },
            observers,
            attempt: async () => {
              const { people } = await ok(actor.socket, 'people:search', { query: target.name });
              return { allowed: people.some((p) => p.id === target.id), code: 'listed?' };
            },
          };
        },
      },
      {
        action: 'people.see',
        state,
        via: 'report:create (profile)',
        denied: 'NOT_FOUND',
        async setup(actor) {
          const { target, observers } = await somebody(actor);
          return {
            situation: { peer },
            observers,
            attempt: async () =>
              fromAck(
                await call(actor.socket, 'report:create', {
                  target: { type: 'profile', userId: target.id },
                  category: 'spam',
                }),
              ),
          };
        },
      },
    ];
  }),
  {
    action: 'people.read',
    state: '-',
    via: 'people:list',
    async setup(actor) {
      const mod = await person('moderator');
      return {
        situation: {},
        observers: [mod],
        attempt: async () => fromAck(await call(actor.socket, 'people:list', {})),
      };
    },
  },
  {
    action: 'people.read',
    state: 'a member',
    via: 'people:get',
    async setup(actor) {
      const target = await person('member');
      return {
        situation: {},
        observers: [target],
        attempt: async () =>
          fromAck(await call(actor.socket, 'people:get', { userId: target.user.id })),
      };
    },
  },
  {
    action: 'user.seeEmail',
    state: 'a member',
    via: "people:get shows the person's e-mail",
    async setup(actor) {
      const target = await person('member');
      return {
        situation: {},
        observers: [target],
        attempt: async () => {
          const res = await call(actor.socket, 'people:get', { userId: target.user.id });
          return res.ok
            ? { allowed: res.data.person.email === target.user.email, code: 'e-mail shown?' }
            : fromAck(res);
        },
      };
    },
  },
  ...(['member', 'moderator', 'admin'] as const).map((targetRole): Cell => ({
    action: 'user.suspend',
    state: `a ${targetRole}`,
    via: 'user:setStatus suspended',
    denied: 'FORBIDDEN',
    async setup(actor) {
      const [target, mod] = await Promise.all([person(targetRole), person('moderator')]);
      return {
        situation: { targetStaff: targetRole !== 'member' },
        // The target's socket is closed when allowed: it observes nothing.
        observers: [mod],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'user:setStatus', {
              userId: target.user.id,
              status: 'suspended',
              reason: 'Matriisi',
            }),
          ),
      };
    },
  })),
  {
    action: 'user.suspend',
    state: 'a suspended member',
    via: 'user:setStatus active (lift)',
    denied: 'FORBIDDEN',
    async setup(actor) {
      const [target, mod] = await Promise.all([person('member'), person('moderator')]);
      await UserModel.updateOne(
        { _id: target.user.id },
        { $set: { status: 'suspended', suspendedReason: 'x', suspendedAt: new Date() } },
      );
      return {
        situation: { targetStaff: false },
        observers: [mod],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'user:setStatus', {
              userId: target.user.id,
              status: 'active',
              reason: 'Matriisi',
            }),
          ),
      };
    },
  },
  {
    action: 'audit.read',
    state: '-',
    via: 'audit:list',
    async setup(actor) {
      const mod = await person('moderator');
      return {
        situation: {},
        observers: [mod],
        attempt: async () => fromAck(await call(actor.socket, 'audit:list', {})),
      };
    },
  },
  ...(['member', 'moderator', 'admin'] as const).map((targetRole): Cell => ({
    action: 'moderation.note',
    state: `a warning to a ${targetRole}`,
    via: 'moderation:notify',
    async setup(actor) {
      const [target, mod] = await Promise.all([person(targetRole), person('moderator')]);
      return {
        situation: { targetStaff: targetRole !== 'member' },
        observers: [target, mod],
        attempt: async () => fromAck(await ladderStep.warn(actor, target)),
      };
    },
  })),
  ...(['member', 'moderator', 'admin'] as const).map((targetRole): Cell => ({
    action: 'moderation.mute',
    state: `a ${targetRole} in a public channel`,
    via: 'moderation:mute',
    async setup(actor) {
      const [ch, target] = await Promise.all([channel('public'), person(targetRole)]);
      await okT(target.socket, 'channel:join', { conversationId: ch.id });
      return {
        situation: { targetStaff: targetRole !== 'member' },
        observers: [ch.owner, ch.bystander, target],
        attempt: async () => fromAck(await ladderStep.mute(actor, target, ch.id)),
      };
    },
  })),
  {
    action: 'moderation.mute',
    state: "lift a member's mute",
    via: 'moderation:liftMute',
    async setup(actor) {
      const [ch, admin] = await Promise.all([channel('public'), person('admin')]);
      const { mute } = await okT(admin.socket, 'moderation:mute', {
        userId: ch.bystander.user.id,
        conversationId: ch.id,
        duration: '1h',
        reason: 'matriisi',
      });
      return {
        situation: {},
        observers: [ch.owner, ch.bystander],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'moderation:liftMute', { muteId: mute.id, reason: 'r' }),
          ),
      };
    },
  },
  {
    action: 'privacy.publish',
    state: 'a version id already taken',
    via: 'POST /api/privacy/versions',
    denied: 'FORBIDDEN',
    async setup(actor) {
      return {
        situation: {},
        observers: [],
        // A real publication would send the people of every concurrent cell to the consent
        // screen, so the attempt reuses the version in force: whoever passes the check gets
        // "exists already", anyone else FORBIDDEN. The publication itself is proven in
        // features/privacy/privacy-versions.test.ts.
        attempt: async () => {
          const res = await api(server, 'POST', '/privacy/versions', {
            cookie: actor.user.cookie,
            body: {
              version: server.application.app.privacy.current,
              texts: { fi: 'Seloste', sv: 'Beskrivning', en: 'Statement' },
            },
          });
          const passed =
            res.body.code === 'CONFLICT' && res.body.issues?.[0]?.code === PRIVACY_VERSION_EXISTS;
          return { allowed: passed, code: passed ? 'OK' : String(res.body.code) };
        },
      };
    },
  },
  {
    action: 'content.report',
    state: 'a message in a channel the actor is in',
    via: 'report:create',
    async setup(actor) {
      const ch = await channel('public');
      await invite(ch.owner, ch.id, actor);
      const id = await post(ch.bystander, ch.id);
      return {
        situation: {},
        observers: [ch.owner, ch.bystander],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'report:create', {
              target: { type: 'message', messageId: id },
              category: 'spam',
            }),
          ),
      };
    },
  },
  {
    action: 'content.moderate',
    state: '-',
    via: 'report:list',
    denied: 'FORBIDDEN',
    async setup(actor) {
      const mod = await person('moderator');
      return {
        situation: {},
        observers: [mod],
        attempt: async () => fromAck(await call(actor.socket, 'report:list', {})),
      };
    },
  },
  {
    action: 'content.moderate',
    state: 'a reported message of a DM the actor is not in',
    via: 'report:resolve removed',
    denied: 'FORBIDDEN',
    async setup(actor) {
      const [a, b] = await Promise.all([person('member'), person('member')]);
      const { conversation } = await okT(a.socket, 'dm:open', { userIds: [b.user.id] });
      const id = await post(a, conversation.id);
      const { report } = await okT(b.socket, 'report:create', {
        target: { type: 'message', messageId: id },
        category: 'harassment',
      });
      return {
        situation: {},
        observers: [a, b],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'report:resolve', {
              id: report.id,
              outcome: 'removed',
              reason: 'matriisi',
            }),
          ),
      };
    },
  },
  {
    action: 'audit.read',
    state: '-',
    via: 'GET /api/audit/export.csv',
    async setup(actor) {
      return {
        situation: {},
        observers: [],
        attempt: async () => {
          const res = await fetch(`${server.url}/api/audit/export.csv`, {
            headers: { cookie: actor.user.cookie },
          });
          const text = await res.text();
          return {
            allowed: res.status === 200 && text.includes('"action"'),
            code: res.ok ? 'OK' : ((JSON.parse(text) as { code?: string }).code ?? '?'),
          };
        },
      };
    },
  },
  {
    action: 'people.read',
    state: '-',
    via: 'joinRequest:list rejected (history)',
    async setup(actor) {
      const mod = await person('moderator');
      return {
        situation: {},
        observers: [mod],
        attempt: async () =>
          fromAck(await call(actor.socket, 'joinRequest:list', { status: 'rejected' })),
      };
    },
  },
  {
    action: 'self.exportOrDelete',
    state: 'own data',
    via: 'GET /api/me/export',
    async setup(actor) {
      return {
        situation: {},
        observers: [],
        attempt: async () => {
          const res = await downloadMyData(server, actor.user.cookie);
          const userId = (res.json as { userId?: string } | undefined)?.userId;
          return {
            allowed: res.status === 200 && userId === actor.user.id,
            code: res.error?.code ?? String(res.status),
          };
        },
      };
    },
  },
  {
    action: 'person.block',
    state: 'another member',
    via: 'block:add',
    async setup(actor) {
      const target = await person('member');
      return {
        situation: {},
        observers: [target],
        attempt: async () =>
          fromAck(await call(actor.socket, 'block:add', { userId: target.user.id })),
      };
    },
  },
  {
    action: 'push.subscribe',
    state: 'own device',
    via: 'POST /api/me/push/devices',
    async setup(actor) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const body = {
        // Nothing listens there: subscribing stores the device, it sends nothing.
        endpoint: `http://127.0.0.1:9/push/${randomBytes(8).toString('hex')}`,
        keys: {
          p256dh: ecdh.getPublicKey().toString('base64url'),
          auth: randomBytes(16).toString('base64url'),
        },
      };
      return {
        situation: {},
        observers: [],
        attempt: async () => {
          const res = await api(server, 'POST', '/me/push/devices', {
            cookie: actor.user.cookie,
            body,
          });
          return {
            allowed: res.status === 201,
            code: (res.body as { code?: string } | undefined)?.code ?? String(res.status),
          };
        },
      };
    },
  },
  {
    action: 'notification.own',
    state: 'own notifications',
    via: 'notification:list',
    async setup(actor) {
      return {
        situation: {},
        observers: [],
        attempt: async () => fromAck(await call(actor.socket, 'notification:list', {})),
      };
    },
  },
  {
    action: 'notification.own',
    state: 'own settings',
    via: 'notification:setPrefs',
    async setup(actor) {
      return {
        situation: {},
        observers: [],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'notification:setPrefs', {
              prefs: defaultNotificationPrefs(),
            }),
          ),
      };
    },
  },
  {
    action: 'library.read',
    state: 'a published entry',
    via: 'library:get',
    async setup(actor) {
      const id = await libraryEntry(null, 'published');
      return {
        situation: {},
        observers: [],
        attempt: async () => fromAck(await call(actor.socket, 'library:get', { id })),
      };
    },
  },
  {
    action: 'library.write',
    state: "another member's published entry",
    via: 'library:save',
    denied: 'FORBIDDEN',
    async setup(actor) {
      const author = await person('member');
      const id = await libraryEntry(author, 'published');
      return {
        situation: {},
        observers: [author],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'library:save', {
              id,
              baseRevision: 1,
              content: { ...LIBRARY_CONTENT, body: 'Muokattu' },
            }),
          ),
      };
    },
  },
  {
    action: 'library.readDraft',
    state: "another member's draft",
    via: 'library:get',
    denied: 'NOT_FOUND',
    async setup(actor) {
      const author = await person('member');
      const id = await libraryEntry(author, 'draft');
      return {
        situation: { own: false },
        observers: [author],
        attempt: async () => fromAck(await call(actor.socket, 'library:get', { id })),
      };
    },
  },
  {
    action: 'library.readDraft',
    state: 'own draft',
    via: 'library:get',
    async setup(actor) {
      const id = await libraryEntry(actor, 'draft');
      return {
        situation: { own: true },
        observers: [],
        attempt: async () => fromAck(await call(actor.socket, 'library:get', { id })),
      };
    },
  },
  {
    action: 'library.delete',
    state: 'own draft',
    via: 'library:delete',
    denied: 'FORBIDDEN',
    async setup(actor) {
      const id = await libraryEntry(actor, 'draft');
      return {
        situation: { own: true },
        observers: [],
        attempt: async () => fromAck(await call(actor.socket, 'library:delete', { id })),
      };
    },
  },
  {
    action: 'library.delete',
    state: "another member's published entry",
    via: 'library:delete',
    denied: 'FORBIDDEN',
    async setup(actor) {
      const author = await person('member');
      const id = await libraryEntry(author, 'published');
      return {
        situation: { own: false },
        observers: [author],
        attempt: async () => fromAck(await call(actor.socket, 'library:delete', { id })),
      };
    },
  },
  {
    action: 'library.review',
    state: 'a published entry',
    via: 'library:review',
    async setup(actor) {
      const id = await libraryEntry(null, 'published');
      return {
        situation: {},
        observers: [],
        attempt: async () =>
          fromAck(await call(actor.socket, 'library:review', { id, revision: 1 })),
      };
    },
  },
  {
    action: 'library.clearFlag',
    state: 'an entry flagged "needs updating"',
    via: 'library:clearFlag',
    async setup(actor) {
      const id = await libraryEntry(null, 'published', {
        needsUpdating: { reason: 'Vanhentunut', byId: null, at: new Date() },
      });
      return {
        situation: {},
        observers: [],
        attempt: async () => fromAck(await call(actor.socket, 'library:clearFlag', { id })),
      };
    },
  },
  {
    action: 'library.participate',
    state: 'a published entry',
    via: 'library:validate',
    async setup(actor) {
      const id = await libraryEntry(null, 'published');
      return {
        situation: {},
        observers: [],
        attempt: async () => fromAck(await call(actor.socket, 'library:validate', { id })),
      };
    },
  },
  {
    action: 'library.follow',
    state: 'a published entry',
    via: 'library:follow',
    async setup(actor) {
      const id = await libraryEntry(null, 'published');
      return {
        situation: {},
        observers: [],
        attempt: async () =>
          fromAck(await call(actor.socket, 'library:follow', { entryId: id, follow: true })),
      };
    },
  },
  {
    action: 'library.write',
    state: 'message of a public channel',
    via: 'library:fromChat',
    async setup(actor) {
      const ch = await channel('public');
      const messageId = await post(ch.owner, ch.id);
      return {
        situation: {},
        observers: [ch.owner, ch.bystander],
        attempt: async () => fromAck(await call(actor.socket, 'library:fromChat', { messageId })),
      };
    },
  },
  // ---- Experts' availability and meetings (features/experts) ----
  {
    action: 'experts.read',
    state: 'the experts panel',
    via: 'experts:list',
    async setup(actor) {
      return {
        situation: {},
        observers: [],
        attempt: async () => fromAck(await call(actor.socket, 'experts:list', {})),
      };
    },
  },
  {
    action: 'experts.setAvailability',
    state: 'own profile and office hours',
    via: 'experts:save',
    denied: 'FORBIDDEN',
    async setup(actor) {
      return {
        situation: {},
        observers: [],
        attempt: async () => fromAck(await call(actor.socket, 'experts:save', EXPERT_PROFILE)),
      };
    },
  },
  {
    action: 'meeting.book',
    state: "a free slot in an expert's office hours",
    via: 'meeting:book',
    denied: 'FORBIDDEN',
    async setup(actor) {
      const { expert, start } = await expertWithSlot();
      return {
        situation: {},
        observers: [expert],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'meeting:book', {
              expertId: expert.user.id,
              start,
              topic: 'Matriisi',
              mode: 'online',
            }),
          ),
      };
    },
  },
  {
    action: 'meeting.cancelAsExpert',
    state: 'a meeting booked with the actor',
    via: 'meeting:cancel',
    denied: 'FORBIDDEN',
    async setup(actor) {
      const booker = await person('member');
      const meetingId = await meetingWith(actor, booker);
      return {
        situation: {},
        observers: [booker],
        attempt: async () => fromAck(await call(actor.socket, 'meeting:cancel', { meetingId })),
      };
    },
  },
];

/* Questions to the experts (issue 13). */

/** An open question of a fresh member (a thread in the ask-an-expert channel), with a reply. */
async function openQuestion(opts: { answered?: boolean; consent?: boolean } = {}) {
  const [asker, helper] = await Promise.all([person('member'), person('member')]);
  // Not okT: the answers name the ask-an-expert channel, which every concurrent world shares.
  const { question } = await ok(asker.socket, 'question:ask', {
    clientId: clientId(),
    topic: 'school',
    visibility: 'open',
    title: 'Matriisin kysymys',
    text: 'Matriisi kysyy',
  });
  const { reply } = await ok(helper.socket, 'question:reply', {
    id: question.id,
    clientId: clientId(),
    text: 'Matriisi vastaa',
  });
  track([question.id, reply.id]);
  if (opts.answered)
    await ok(asker.socket, 'question:accept', { id: question.id, replyId: reply.id });
  if (opts.consent)
    await ok(asker.socket, 'question:libraryConsent', { id: question.id, consent: true });
  return { id: question.id, replyId: reply.id, asker, helper };
}

/**
 * A private question stored directly (a guest cannot ask one, yet the rules of "own" must be
 * walked for every role), with a reply of someone else, answered when asked to be.
 */
async function privateQuestion(askerId: string | null, answered = false) {
  const n = ++serial;
  const question = await QuestionModel.create({
    askerId: askerId ? oid(askerId) : null,
    clientId: `matrix-${n}`,
    topic: 'wellbeing',
    visibility: 'private',
    title: 'Yksityinen matriisi',
    text: 'Yksityinen',
    createdAt: new Date(),
  });
  const reply = await QuestionReplyModel.create({
    questionId: question._id,
    authorId: null,
    clientId: `matrix-reply-${n}`,
    text: 'Vastaus',
    createdAt: new Date(),
  });
  if (answered)
    await QuestionModel.updateOne(
      { _id: question._id },
      { $set: { status: 'answered', acceptedReplyId: reply._id, answeredAt: new Date() } },
    );
  const id = question._id.toHexString();
  track(id);
  return { id, replyId: reply._id.toHexString() };
}

/** Puts the actor into the ask-an-expert channel (a guest expert invited there). */
async function intoAskChannel(actor: Person) {
  const conv = await ConversationModel.findOne({ key: ASK_CHANNEL_KEY }, { _id: 1 }).lean();
  await MembershipModel.updateOne(
    { conversationId: conv!._id, userId: oid(actor.user.id) },
    { $setOnInsert: { readSeq: 0, joinedAt: new Date() } },
    { upsert: true },
  );
}

const questionCells: Cell[] = [
  {
    action: 'guest.manage',
    state: 'a new address, into a public channel',
    via: 'guest:invite',
    denied: 'FORBIDDEN',
    async setup(actor) {
      const ch = await channel('public');
      return {
        situation: {},
        observers: [ch.owner, ch.bystander],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'guest:invite', {
              name: 'Matriisi Vieras',
              email: `matrix-guest-${++serial}-${randomBytes(4).toString('hex')}@example.test`,
              language: 'fi',
              channelIds: [ch.id],
              guestUntil: new Date(Date.now() + 86_400_000).toISOString(),
            }),
          ),
      };
    },
  },
  {
    action: 'question.ask',
    state: '-',
    via: 'question:ask private',
    async setup(actor) {
      const expert = await person('member', true);
      return {
        situation: {},
        observers: [expert],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'question:ask', {
              clientId: clientId(),
              topic: 'other',
              visibility: 'private',
              title: unique('matriisi'),
              text: 'Kysyn',
            }),
          ),
      };
    },
  },
  ...[false, true].map((member): Cell => ({
    action: 'question.reply',
    state: `an open question, ${member ? 'a member' : 'not a member'} of its channel`,
    via: 'question:reply',
    async setup(actor) {
      const q = await openQuestion();
      if (member) await intoAskChannel(actor);
      return {
        situation: { member },
        observers: [q.asker],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'question:reply', {
              id: q.id,
              clientId: clientId(),
              text: 'Vastaan',
            }),
          ),
      };
    },
  })),
  ...[false, true].map((own): Cell => ({
    action: 'question.readPrivate',
    state: own ? 'own private question' : "someone else's private question",
    via: 'question:get',
    denied: 'NOT_FOUND',
    async setup(actor) {
      const asker = own ? actor : await person('member');
      const q = await privateQuestion(asker.user.id);
      return {
        situation: { own },
        observers: own ? [] : [asker],
        attempt: async () => fromAck(await call(actor.socket, 'question:get', { id: q.id })),
      };
    },
  })),
  {
    action: 'question.accept',
    state: 'own private question',
    via: 'question:accept',
    async setup(actor) {
      const q = await privateQuestion(actor.user.id);
      return {
        situation: { own: true },
        observers: [],
        attempt: async () =>
          fromAck(await call(actor.socket, 'question:accept', { id: q.id, replyId: q.replyId })),
      };
    },
  },
  {
    action: 'question.accept',
    state: "someone else's open question",
    via: 'question:accept',
    async setup(actor) {
      const q = await openQuestion();
      return {
        situation: { own: false },
        observers: [q.asker, q.helper],
        attempt: async () =>
          fromAck(await call(actor.socket, 'question:accept', { id: q.id, replyId: q.replyId })),
      };
    },
  },
  {
    action: 'question.endorse',
    state: 'an open question, not a member of its channel',
    via: 'question:endorse',
    async setup(actor) {
      const q = await openQuestion();
      return {
        situation: { member: false },
        observers: [q.asker, q.helper],
        attempt: async () =>
          fromAck(
            await call(actor.socket, 'question:endorse', {
              id: q.id,
              replyId: q.replyId,
              endorse: true,
            }),
          ),
      };
    },
  },
  {
    action: 'question.queue',
    state: 'not a member of the ask-an-expert channel',
    via: 'question:queue',
    denied: 'FORBIDDEN',
    async setup(actor) {
      return {
        situation: { member: false },
        observers: [],
        attempt: async () => fromAck(await call(actor.socket, 'question:queue', {})),
      };
    },
  },
  {
    action: 'question.queue',
    state: 'an open question, a member of its channel',
    via: 'question:claim',
    async setup(actor) {
      const q = await openQuestion();
      await intoAskChannel(actor);
      return {
        situation: { member: true },
        observers: [q.asker],
        attempt: async () => fromAck(await call(actor.socket, 'question:claim', { id: q.id })),
      };
    },
  },
  {
    action: 'question.stats',
    state: '-',
    via: 'question:stats',
    denied: 'FORBIDDEN',
    async setup(actor) {
      return {
        situation: {},
        observers: [],
        attempt: async () => fromAck(await call(actor.socket, 'question:stats', {})),
      };
    },
  },
  ...[false, true].map((consented): Cell => ({
    action: 'question.toLibrary',
    state: `someone else's answered open question, ${consented ? 'with' : 'without'} consent`,
    via: 'question:toLibrary',
    async setup(actor) {
      const q = await openQuestion({ answered: true, consent: consented });
      return {
        situation: { own: false, consented },
        observers: [q.asker],
        attempt: async () => fromAck(await call(actor.socket, 'question:toLibrary', { id: q.id })),
      };
    },
  })),
  {
    action: 'question.toLibrary',
    state: 'own answered private question',
    via: 'question:toLibrary',
    async setup(actor) {
      const q = await privateQuestion(actor.user.id, true);
      return {
        situation: { own: true },
        observers: [],
        attempt: async () => fromAck(await call(actor.socket, 'question:toLibrary', { id: q.id })),
      };
    },
  },
];

/** Actions of the table that no cell exercises: reported, not faked. */
const uncovered = ACTIONS.filter((a) => ![...cells, ...questionCells].some((c) => c.action === a));

// Every cell builds its own world (fresh people, channels, observers), so cells run concurrently.
describe.concurrent('authorisation matrix: "Who may do what" × roles × membership states', () => {
  it('exercises every action of the table', () => {
    expect(uncovered).toEqual([]);
  });

  for (const cell of [...cells, ...questionCells]) {
    for (const { role, expert } of ACTORS) {
      const rule = PERMISSIONS[cell.action][role];
      const extra =
        expert && role !== 'guest' ? ` | expert: ${PERMISSIONS[cell.action].expert}` : '';
      it(
        `${cell.action} [${cell.state}] via ${cell.via} as ${role}${expert ? ' + expert' : ''} (${rule}${extra})`,
        () =>
          worldIds.run(new Set(), async () => {
            const actor = await person(role, expert);
            const world = await cell.setup(actor, role);
            const want =
              expected(cell.action, actor, world.situation) &&
              mayPlace(role, world.situation) &&
              mayActOn(role, world.situation);
            const everyone = [actor, ...world.observers];
            await barrier(server, ...everyone.map((p) => p.socket)); // the setup's own facts
            for (const p of everyone) p.events.length = 0;
            const outcome = await world.attempt();
            expect(
              outcome.allowed,
              `${role} ${want ? 'should' : 'should not'} be allowed; got ${outcome.code}`,
            ).toBe(want);
            if (!outcome.allowed && outcome.code !== 'listed?') {
              expect(DENIAL_CODES).toContain(outcome.code);
              const denied = typeof cell.denied === 'function' ? cell.denied(role) : cell.denied;
              if (denied) expect(outcome.code, 'the denial code this cell fixes').toBe(denied);
            }
            expect(namesWhatIsMissing(outcome), `NOT_FOUND said "${outcome.message}"`).toBe(false);
            if (!want) {
              await barrier(server, ...everyone.map((p) => p.socket));
              for (const p of everyone)
                expect(
                  leaks(p),
                  `${p.user.role} ${p === actor ? '(actor)' : ''} received events after a denied ${cell.via}`,
                ).toEqual([]);
            }
            expect(server.contractViolations).toEqual([]);
          }),
        120_000,
      );
    }
  }
});

/**
 * An id the actor may not see answers exactly as an id that names nothing: the same code, the
 * same message, the same details. Otherwise the answer tells that a private channel, someone
 * else's DM or message, or a person exists. Each probe is sent twice, once with the hidden id and
 * once with a fresh one, and the two errors are compared whole.
 */
type Probe = { event: ClientEventName; payload: (id: string) => unknown };
const absentId = () => randomBytes(12).toString('hex');

const messageProbes: Probe[] = [
  { event: 'message:edit', payload: (messageId) => ({ messageId, text: 'kaappaus' }) },
  { event: 'message:delete', payload: (messageId) => ({ messageId }) },
  { event: 'message:react', payload: (messageId) => ({ messageId, emoji: '👍', reacted: true }) },
  { event: 'message:pin', payload: (messageId) => ({ messageId, pinned: true }) },
  { event: 'message:edits', payload: (messageId) => ({ messageId }) },
  {
    event: 'report:create',
    payload: (messageId) => ({ target: { type: 'message', messageId }, category: 'spam' }),
  },
  { event: 'thread:follow', payload: (threadRootId) => ({ threadRootId, following: true }) },
  { event: 'thread:read', payload: (threadRootId) => ({ threadRootId, seq: 1 }) },
  { event: 'library:fromChat', payload: (messageId) => ({ messageId }) },
];
const conversationProbes: Probe[] = [
  { event: 'conversation:get', payload: (conversationId) => ({ conversationId }) },
  { event: 'conversation:members', payload: (conversationId) => ({ conversationId }) },
  {
    event: 'conversation:sync',
    payload: (conversationId) => ({ conversationId, sinceChangeSeq: 0 }),
  },
  { event: 'message:history', payload: (conversationId) => ({ conversationId }) },
  { event: 'message:pins', payload: (conversationId) => ({ conversationId }) },
  {
    event: 'message:send',
    payload: (conversationId) => ({ conversationId, clientId: clientId(), text: 'kurkistus' }),
  },
  { event: 'read:mark', payload: (conversationId) => ({ conversationId, seq: 1 }) },
  { event: 'channel:join', payload: (conversationId) => ({ conversationId }) },
  { event: 'channel:leave', payload: (conversationId) => ({ conversationId }) },
  { event: 'channel:update', payload: (conversationId) => ({ conversationId, topic: 'oma' }) },
  { event: 'channel:archive', payload: (conversationId) => ({ conversationId, archived: true }) },
  { event: 'people:search', payload: (conversationId) => ({ query: 'Test', conversationId }) },
];

interface HiddenWorld {
  /** Probes and the id that is hidden from this actor. */
  probes: [Probe, string][];
  observers: Person[];
}

const hiddenWorlds: {
  what: string;
  /** Roles for which the id must stay hidden (for others it is theirs to see). */
  hiddenFrom: (role: Role) => boolean;
  setup: (actor: Person) => Promise<HiddenWorld>;
}[] = [
  {
    what: 'a private channel and its message',
    hiddenFrom: () => true,
    async setup(actor) {
      const ch = await channel('private', 'member');
      const message = await post(ch.owner, ch.id);
      const withUser: Probe = {
        event: 'channel:invite',
        payload: (conversationId) => ({ conversationId, userIds: [actor.user.id] }),
      };
      return {
        observers: [ch.owner, ch.bystander],
        probes: [
          ...messageProbes.map((p): [Probe, string] => [p, message]),
          ...[...conversationProbes, withUser].map((p): [Probe, string] => [p, ch.id]),
        ],
      };
    },
  },
  {
    what: "someone else's DM and its message",
    hiddenFrom: () => true,
    async setup() {
      const [a, b] = await Promise.all([person('member'), person('member')]);
      const { conversation } = await okT(a.socket, 'dm:open', { userIds: [b.user.id] });
      const message = await post(a, conversation.id);
      return {
        observers: [a, b],
        probes: [
          ...messageProbes.map((p): [Probe, string] => [p, message]),
          ...conversationProbes.map((p): [Probe, string] => [p, conversation.id]),
        ],
      };
    },
  },
  {
    what: "someone else's library draft",
    hiddenFrom: (role) => PERMISSIONS['library.readDraft'][role] !== 'yes',
    async setup() {
      const author = await person('member');
      const draft = await libraryEntry(author, 'draft');
      const byId = (event: ClientEventName, extra: object = {}): [Probe, string] => [
        { event, payload: (id) => ({ id, ...extra }) },
        draft,
      ];
      return {
        observers: [author],
        probes: [
          byId('library:review', { revision: 1 }),
          byId('library:unreview'),
          byId('library:validate'),
          byId('library:unvalidate'),
          byId('library:validations'),
          byId('library:flag', { reason: 'Vanha' }),
          byId('library:clearFlag'),
          byId('library:discussion'),
          byId('library:watch', { editing: true }),
          [{ event: 'library:follow', payload: (entryId) => ({ entryId, follow: true }) }, draft],
        ],
      };
    },
  },
  {
    what: 'a channel chosen when approving someone',
    hiddenFrom: () => true,
    async setup() {
      const ch = await channel('private', 'member');
      const request = await pendingRequest();
      const approve: Probe = {
        event: 'joinRequest:approve',
        payload: (channelId) => ({ id: request.id, role: 'member', channelIds: [channelId] }),
      };
      return { observers: [ch.owner, ch.bystander], probes: [[approve, ch.id]] };
    },
  },
  {
    // Staff see people (the people page, join-request history); everyone else must not learn
    // from a staff command whether an id names a person.
    what: 'a person, to whom the actor may grant nothing',
    hiddenFrom: (role) => PERMISSIONS['role.grantExpert'][role] !== 'yes',
    async setup() {
      const target = await person('member');
      return {
        observers: [target],
        probes: [
          [
            { event: 'user:setExpert', payload: (userId) => ({ userId, expert: true }) },
            target.user.id,
          ],
          [
            {
              event: 'user:setStatus',
              payload: (userId) => ({ userId, status: 'suspended', reason: 'Koetus' }),
            },
            target.user.id,
          ],
          [
            {
              event: 'moderation:notify',
              payload: (userId) => ({ userId, kind: 'note', template: 'tone', reason: 'r' }),
            },
            target.user.id,
          ],
          [
            {
              event: 'moderation:mute',
              payload: (userId) => ({
                userId,
                conversationId: '0'.repeat(24),
                duration: '1h',
                reason: 'r',
              }),
            },
            target.user.id,
          ],
          [{ event: 'moderation:person', payload: (userId) => ({ userId }) }, target.user.id],
          [{ event: 'people:get', payload: (userId) => ({ userId }) }, target.user.id],
          [{ event: 'user:endGuest', payload: (userId) => ({ userId }) }, target.user.id],
        ],
      };
    },
  },
  {
    what: "someone else's notification",
    hiddenFrom: () => true,
    async setup() {
      const owner = await person('member');
      const doc = await NotificationModel.create({
        recipientId: oid(owner.user.id),
        key: `authz:${randomBytes(6).toString('hex')}`,
        kind: 'mention',
        link: '/',
        inApp: true,
        createdAt: new Date(),
      });
      const id = doc._id.toHexString();
      track(id);
      return {
        observers: [owner],
        probes: [[{ event: 'notification:read', payload: (nid) => ({ ids: [nid] }) }, id]],
      };
    },
  },
  {
    what: "someone else's meeting, and a person who is no expert",
    hiddenFrom: () => true,
    async setup() {
      const [expert, booker, nobody] = await Promise.all([
        person('member', true),
        person('member'),
        person('member'),
      ]);
      const meetingId = await meetingWith(expert, booker);
      return {
        observers: [expert, booker],
        probes: [
          [{ event: 'meeting:cancel', payload: (id) => ({ meetingId: id }) }, meetingId],
          [{ event: 'experts:slots', payload: (id) => ({ expertId: id }) }, nobody.user.id],
        ],
      };
    },
  },
  {
    what: 'a person outside the channels of a guest',
    hiddenFrom: (role) =>
      PERMISSIONS['dm.start'][role] === 'channel-peers' &&
      PERMISSIONS['people.see'][role] === 'channel-peers',
    async setup() {
      const stranger = await person('member');
      return {
        observers: [stranger],
        probes: [
          [{ event: 'dm:open', payload: (id) => ({ userIds: [id] }) }, stranger.user.id],
          [
            {
              event: 'report:create',
              payload: (userId) => ({ target: { type: 'profile', userId }, category: 'spam' }),
            },
            stranger.user.id,
          ],
        ],
      };
    },
  },
];

describe.concurrent('a hidden id answers exactly as an absent one (code, message, details)', () => {
  for (const world of hiddenWorlds) {
    for (const role of ROLES.filter(world.hiddenFrom)) {
      it(
        `${world.what} as ${role}`,
        () =>
          worldIds.run(new Set(), async () => {
            const actor = await person(role);
            const { probes, observers } = await world.setup(actor);
            await barrier(server, actor.socket, ...observers.map((p) => p.socket));
            for (const p of [actor, ...observers]) p.events.length = 0;
            const differences = [];
            for (const [probe, hidden] of probes) {
              const [shown, absent] = [
                await call(actor.socket, probe.event, probe.payload(hidden) as never),
                await call(actor.socket, probe.event, probe.payload(absentId()) as never),
              ];
              const same = JSON.stringify(shown) === JSON.stringify(absent);
              if (shown.ok || !same)
                differences.push({ event: probe.event, hidden: shown, absent });
            }
            expect(differences).toEqual([]);
            await barrier(server, actor.socket, ...observers.map((p) => p.socket));
            for (const p of [actor, ...observers]) expect(leaks(p)).toEqual([]);
          }),
        120_000,
      );
    }
  }
});

describe.concurrent('people-facing results never carry e-mail addresses', () => {
  for (const role of ROLES) {
    it(
      `people:search and conversation:members as ${role}`,
      () =>
        worldIds.run(new Set(), async () => {
          const actor = await person(role);
          const ch = await channel('private', 'member');
          await invite(ch.owner, ch.id, actor);
          const members = await call(actor.socket, 'conversation:members', {
            conversationId: ch.id,
          });
          const search = await call(actor.socket, 'people:search', { query: 'Test' });
          expect(JSON.stringify([members, search])).not.toMatch(/@example\.test/);
        }),
      120_000,
    );
  }
});
