import { rooms } from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import type { AppContext } from '../../context.js';
import { runCoalesced } from '../../lib/coalesce.js';
import { publishing } from '../../realtime/facts.js';
import { ConversationModel, MembershipModel, type ConversationDoc } from './conversation.model.js';

/*
 * The one member count (issue 9, item 14). It used to diverge: clients added +1/-1 per
 * `member:joined`/`member:left` on top of snapshots that already included the change (a joiner
 * counted themself twice, an invitee once per fellow invitee), people outside the room never
 * heard of it, and the members panel counted the memberships itself. Now the server stores one
 * number, recounts it after every change and sends the absolute value to the room.
 */

/** Erased DM participants older than the counter (their DM key says so) count as one. */
export function erasedParticipantsOf(
  conv: Pick<ConversationDoc, 'kind' | 'key' | 'erasedParticipants'>,
): number {
  if (conv.kind !== 'dm') return 0;
  return conv.erasedParticipants || (conv.key.startsWith('dm-erased:') ? 1 : 0);
}

/** Memberships, plus a DM's erased participants (still shown there, as "deleted user"). */
export async function countMembers(conversationId: Types.ObjectId): Promise<number> {
  const [members, conv] = await Promise.all([
    MembershipModel.countDocuments({ conversationId }),
    ConversationModel.findById(conversationId, {
      kind: 1,
      key: 1,
      erasedParticipants: 1,
    }).lean() as Promise<ConversationDoc | null>,
  ]);
  return members + (conv ? erasedParticipantsOf(conv) : 0);
}

/**
 * Counted, not `$inc`ed: concurrent `$inc`s lose updates on FerretDB 1.x. Coalesced: 500
 * people joining at once recount a few times, not 500 times (each count reads every member).
 * The runs of one conversation follow each other in this process, so their facts arrive in
 * order; every caller's change is in a run that started after it. A run is a write of its own
 * (one serves many callers), so it publishes its fact itself, after its write.
 */
export function recountMembers(app: AppContext, conversationId: Types.ObjectId): Promise<void> {
  return runCoalesced(`member-count:${String(conversationId)}`, () =>
    publishing(app, async (facts) => {
      const memberCount = await countMembers(conversationId);
      await ConversationModel.updateOne({ _id: conversationId }, { $set: { memberCount } });
      const id = String(conversationId);
      facts.add(rooms.conversation(id), 'memberCount:updated', { conversationId: id, memberCount });
    }),
  );
}
