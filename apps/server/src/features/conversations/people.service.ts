import { MAX_PEOPLE_SEARCH_RESULTS, can, type PersonRef } from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import type { AuthUser } from '../../auth/auth.js';
import { presentPersonRef } from '../../auth/people.js';
import { UserModel } from '../../auth/user.model.js';
import { oid } from '../../db/object-id.js';
import { escapeRegex } from '../../lib/escape-regex.js';
import { MembershipModel } from './conversation.model.js';
import { conversationIdsOf } from './conversations.service.js';
import { accessConversation } from './conversations.policy.js';

/** Finding people by name for the people pickers, limited to those the person may see. */

export async function searchPeople(
  user: AuthUser,
  query: string,
  conversationId?: string,
): Promise<PersonRef[]> {
  const filter: Record<string, unknown> = {
    status: 'active',
    name: { $regex: `^${escapeRegex(query)}`, $options: 'i' },
  };
  let within: Types.ObjectId[] | null = null;
  if (conversationId) {
    const { conv } = await accessConversation(user, conversationId);
    within = [conv._id];
  } else if (!can('people.see', { role: user.role, expert: user.expert })) {
    // Seeing people only as channel peers ("people.see" for a guest): the search is narrowed.
    within = await conversationIdsOf(user.id);
  }
  if (within) {
    const ms = await MembershipModel.find(
      { conversationId: { $in: within } },
      { userId: 1 },
    ).lean();
    filter._id = { $in: [...new Set(ms.map((m) => String(m.userId)))].map(oid) };
  }
  const users = await UserModel.find(filter, { name: 1, role: 1, expert: 1 })
    .sort({ name: 1 })
    .limit(MAX_PEOPLE_SEARCH_RESULTS)
    .lean();
  return users.map(presentPersonRef);
}

/**
 * Whether a person is someone this user may see (report, open a profile): an active person the
 * row "people.see" allows (for a guest only the people of their own channels).
 */
export async function canSeePerson(user: AuthUser, userId: string): Promise<boolean> {
  const person = await UserModel.findById(oid(userId), { status: 1 }).lean();
  if (!person || person.status !== 'active') return false;
  const who = { role: user.role, expert: user.expert };
  if (can('people.see', who)) return true;
  const within = await conversationIdsOf(user.id);
  const peer = !!(await MembershipModel.exists({
    conversationId: { $in: within },
    userId: oid(userId),
  }));
  return can('people.see', { ...who, peer });
}
