import { rooms } from '@yhteistyotila/protocol';
import { liveRoom } from '../../auth/live-access.js';
import { UserModel } from '../../auth/user.model.js';
import type { QuestionDoc } from './question.model.js';

/*
 * Who hears of a question's changes. Only rooms of people who may see it: a private question's
 * asker and the experts (their `live:` rooms, so a socket without current consent hears
 * nothing, auth/live-access.ts), never a guest expert; an open question's channel (its
 * members: guest experts invited there included), the staff and the experts.
 * The experts are read when the change happens, so a capability given or taken a moment ago
 * counts at once. There are few of them (tens): one indexed read.
 */

async function expertIds(): Promise<string[]> {
  const docs = await UserModel.find(
    { expert: true, status: 'active', role: { $ne: 'guest' } },
    { _id: 1 },
  ).lean();
  return docs.map((d) => String(d._id));
}

/** The experts' own rooms (escalations go to them, not to the channel). */
export const expertRooms = async () => (await expertIds()).map(liveRoom);

export async function audienceOf(doc: QuestionDoc): Promise<string[]> {
  const to = await expertRooms();
  if (doc.askerId) to.push(liveRoom(String(doc.askerId)));
  if (doc.visibility === 'open' && doc.conversationId)
    to.push(rooms.conversation(String(doc.conversationId)), rooms.moderators());
  return [...new Set(to)];
}

/** The admins, told of an escalation (what it is about only: they may not read a private one). */
export async function adminRooms(): Promise<string[]> {
  const docs = await UserModel.find({ role: 'admin', status: 'active' }, { _id: 1 }).lean();
  return docs.map((d) => liveRoom(String(d._id)));
}
