import { channelTextFor, type MyModeration, type PersonLadder } from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import { UserModel, type UserDoc } from '../../auth/user.model.js';
import { oid } from '../../db/object-id.js';
import { notFound } from '../../errors.js';
import { requireAction } from '../access/index.js';
import {
  ConversationModel,
  MembershipModel,
  type ConversationDoc,
} from '../conversations/index.js';
import { CHANNEL_TEXT_FIELDS, mutesInForce } from './mutes.service.js';
import { noticesTo } from './notices.service.js';

/**
 * What staff see of one person's ladder. The channels offered for a mute are the person's
 * channels the actor could see: public ones and private ones the actor is in too.
 */
export async function personLadder(actor: AuthUser, userId: string): Promise<PersonLadder> {
  await requireAction(actor, 'moderation.note');
  const person = await UserModel.findById(oid(userId), {
    name: 1,
    role: 1,
    expert: 1,
  }).lean<UserDoc>();
  if (!person) throw notFound();
  const [notices, mutes, theirs, mine] = await Promise.all([
    noticesTo(userId),
    mutesInForce(userId, actor.language),
    MembershipModel.find({ userId: person._id }, { conversationId: 1 }).lean(),
    MembershipModel.find({ userId: oid(actor.id) }, { conversationId: 1 }).lean(),
  ]);
  const actorIn = new Set(mine.map((m) => String(m.conversationId)));
  const convs = await Promise.all(
    theirs.map((m) =>
      ConversationModel.findById(m.conversationId, {
        kind: 1,
        visibility: 1,
        archived: 1,
        ...CHANNEL_TEXT_FIELDS,
      }).lean<ConversationDoc>(),
    ),
  );
  const channels = convs
    .filter((c): c is ConversationDoc => !!c && c.kind === 'channel' && !c.archived)
    .filter((c) => c.visibility === 'public' || actorIn.has(String(c._id)))
    .map((c) => ({ id: c._id.toHexString(), name: channelTextFor(c, actor.language).name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  // A mute in a private channel the actor is not in stays theirs who are: its name and id are
  // the channel's, which other staff may not see.
  const muteConvs = await Promise.all(
    mutes.map((m) =>
      ConversationModel.findById(oid(m.conversationId), { visibility: 1 }).lean<ConversationDoc>(),
    ),
  );
  const visibleMutes = mutes.filter(
    (m, i) => muteConvs[i]?.visibility === 'public' || actorIn.has(m.conversationId),
  );
  return {
    person: { id: userId, name: person.name, role: person.role, expert: person.expert },
    notices,
    mutes: visibleMutes,
    channels,
  };
}

/** The messages from the moderators to me, and my mutes in force. */
export async function myModeration(user: AuthUser): Promise<MyModeration> {
  const [notices, mutes] = await Promise.all([
    noticesTo(user.id),
    mutesInForce(user.id, user.language),
  ]);
  return { notices, mutes };
}
