import { can, type PermissionContext, type Role } from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import { guestAccessOver } from '../../auth/guest-access.js';
import { UserModel } from '../../auth/user.model.js';
import { oid } from '../../db/object-id.js';
import { AppError, notFound } from '../../errors.js';
import { MembershipModel } from '../conversations/index.js';
import { QuestionModel, type QuestionDoc } from './question.model.js';

/**
 * Who may see a question, decided here for every read and write of the feature:
 * - a private question: its asker and the holders of the expert capability, never a guest
 *   expert (`question.readPrivate`); everyone else gets NOT_FOUND, exactly as for a missing id;
 * - an open question: whoever may read the ask-an-expert channel, a guest expert only as a
 *   member of it (their channels' questions).
 */

/** The acting person as the database knows them now (a socket's copy may predate a change). */
export interface Actor {
  user: AuthUser;
  role: Role;
  expert: boolean;
}

export async function actorOf(user: AuthUser): Promise<Actor> {
  const fresh = await UserModel.findById(user.id, { role: 1, expert: 1, status: 1 }).lean();
  if (!fresh || fresh.status !== 'active') throw new AppError('FORBIDDEN', 'not active');
  return { user, role: fresh.role as Role, expert: fresh.expert };
}

export const allows = (
  actor: Actor,
  action: Parameters<typeof can>[0],
  facts: Omit<PermissionContext, 'role' | 'expert' | 'userId'> = {},
) => can(action, { ...facts, role: actor.role, expert: actor.expert, userId: actor.user.id });

export const requireAllowed = (...args: Parameters<typeof allows>) => {
  if (!allows(...args)) throw new AppError('FORBIDDEN', `${args[1]} not allowed`);
};

export const isAsker = (doc: QuestionDoc, user: AuthUser) =>
  doc.askerId !== null && String(doc.askerId) === user.id;

/** May this actor see this question (without its channel membership: see `memberOfChannel`)? */
export function mayRead(actor: Actor, doc: QuestionDoc, member: boolean): boolean {
  if (doc.visibility === 'private')
    return allows(actor, 'question.readPrivate', { own: isAsker(doc, actor.user) });
  // The ask-an-expert channel is public: read as a public channel is ("channel.browsePublic":
  // everyone but a guest, a guest as a member).
  return allows(actor, 'channel.browsePublic', { member });
}

/** A guest's membership of an open question's channel (others do not need it to read). */
export async function memberOfChannel(actor: Actor, doc: QuestionDoc): Promise<boolean> {
  if (!doc.conversationId) return false;
  return (
    (await MembershipModel.exists({
      conversationId: doc.conversationId,
      userId: oid(actor.user.id),
    })) !== null
  );
}

export interface Readable {
  doc: QuestionDoc;
  actor: Actor;
  own: boolean;
  /** Member of the question's channel (asked for guests only: false for the others). */
  member: boolean;
}

/** The question, if this person may see it; NOT_FOUND for a hidden one as for a missing one. */
export async function readableQuestion(user: AuthUser, id: string): Promise<Readable> {
  if (!/^[0-9a-f]{24}$/.test(id) || guestAccessOver(user)) throw notFound();
  const [doc, actor] = await Promise.all([
    QuestionModel.findById(oid(id)).lean<QuestionDoc>(),
    actorOf(user),
  ]);
  if (!doc) throw notFound();
  // Membership decides only for those who read a public channel as members (guests).
  const member =
    doc.visibility === 'open' && !allows(actor, 'channel.browsePublic')
      ? await memberOfChannel(actor, doc)
      : false;
  if (!mayRead(actor, doc, member)) throw notFound();
  return { doc, actor, own: isAsker(doc, user), member };
}
