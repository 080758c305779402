import { channelTextFor, rooms, type Language } from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import { UserModel } from '../../auth/user.model.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Facts } from '../../realtime/facts.js';
import {
  approveJoinRequest,
  JoinRequestModel,
  requireAction,
  type WelcomeMail,
} from '../access/index.js';
import { ConversationModel, sendMessage } from '../conversations/index.js';
import { oid } from '../../db/object-id.js';
import { INTL_LOCALE } from '../../lib/intl-locale.js';

/*
 * A moderator invites an outside expert by e-mail into chosen channels until an end date
 * (issue 13, item 5). The invitation is a join request made verified and approved as a guest
 * expert in one step, so the approval's own machinery does the rest: the account with its end
 * date, the channel places (checked as the approval checks them), the audit entry and the
 * set-password mail, in the invitation's own words (who invited, into which channels, until
 * when). Their access ends at the end date (auth/guest-access.ts); they accept the
 * privacy statement at their first sign-in. Each chosen channel the inviter is in is told, in
 * the inviter's words ("a notice in those channels"); messages show the guest badge already.
 */

const NOTICE: Record<Language, (name: string, until: string) => string> = {
  fi: (name, until) =>
    `🎓 Vieraileva asiantuntija **${name}** on mukana tällä kanavalla ${until} asti.`,
  sv: (name, until) =>
    `🎓 Den gästande experten **${name}** är med i den här kanalen till och med ${until}.`,
  en: (name, until) => `🎓 Visiting expert **${name}** is in this channel until ${until}.`,
};

const escapeMarkdown = (text: string) => text.replace(/([\\[\]*_`<>#])/g, '\\$1');

export async function inviteGuestExpert(
  app: AppContext,
  facts: Facts,
  user: AuthUser,
  input: {
    name: string;
    email: string;
    language: Language;
    organisation?: string | undefined;
    channelIds: string[];
    guestUntil: string;
  },
  now = new Date(),
): Promise<{ userId: string }> {
  await requireAction(user, 'guest.manage');
  const email = input.email.trim().toLowerCase();
  if ((await UserModel.exists({ email })) || (await JoinRequestModel.exists({ email })))
    throw new AppError('CONFLICT', 'this e-mail address already has an account or a request');
  const inviter = await UserModel.findById(user.id, { municipalityCode: 1, name: 1 }).lean();
  const request = await JoinRequestModel.create({
    name: input.name,
    email,
    // Required of a request; an outside expert has none, so the inviter's stands in (the
    // account gets none, below).
    municipalityCode: inviter?.municipalityCode ?? '091',
    association: input.organisation ?? '',
    language: input.language,
    status: 'pending',
    createdAt: now,
    verifiedAt: now,
  });
  try {
    await approveJoinRequest(
      app,
      facts,
      user,
      {
        id: request._id.toHexString(),
        role: 'guest',
        guestUntil: input.guestUntil,
        channelIds: input.channelIds,
      },
      now,
      invitationMail(inviter?.name ?? user.name, input.channelIds, input.guestUntil),
    );
  } catch (err) {
    await JoinRequestModel.deleteOne({ _id: request._id, status: 'pending' });
    throw err;
  }
  const guest = await UserModel.findOneAndUpdate(
    { email },
    { $set: { municipalityCode: null } },
    { returnDocument: 'after' },
  ).lean();
  if (!guest) throw new AppError('INTERNAL', 'the invited account is missing');
  await noticeInChannels(facts, user, input);
  return { userId: String(guest._id) };
}

/** Dates in the guest's language, on the League's calendar (an end date is a Finnish day). */
const untilIn = (guestUntil: string, language: Language) =>
  new Date(guestUntil).toLocaleDateString(INTL_LOCALE[language], {
    timeZone: 'Europe/Helsinki',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });

/** The invitation: who invited, which channels (in the guest's language), until when, the link. */
function invitationMail(inviter: string, channelIds: string[], guestUntil: string): WelcomeMail {
  return async ({ name, language, link, hours }) => {
    const channels = await ConversationModel.find(
      { _id: { $in: channelIds.map(oid) } },
      { name: 1, topic: 1, category: 1, defaultKey: 1, customised: 1 },
    ).lean();
    return {
      kind: 'guest-invited',
      name,
      inviter,
      channels: channels
        .map((c) => `#${channelTextFor({ ...c, defaultKey: c.defaultKey ?? null }, language).name}`)
        .join(', '),
      until: untilIn(guestUntil, language),
      link,
      hours,
    };
  };
}

async function noticeInChannels(
  facts: Facts,
  user: AuthUser,
  input: { name: string; channelIds: string[]; guestUntil: string },
): Promise<void> {
  const until = new Date(input.guestUntil).toLocaleDateString(user.language, {
    timeZone: 'Europe/Helsinki',
  });
  const text = NOTICE[user.language](escapeMarkdown(input.name), until);
  for (const conversationId of input.channelIds) {
    try {
      const sent = await sendMessage(user, {
        conversationId,
        clientId: `guest-notice:${conversationId}:${input.name}:${input.guestUntil}`,
        text,
      });
      if (sent.created)
        facts.add(rooms.conversation(conversationId), 'message:created', {
          message: sent.message,
        });
    } catch (err) {
      // Not a member of that channel (a public one the inviter never joined): no notice there.
      if (!(err instanceof AppError)) throw err;
    }
  }
}
