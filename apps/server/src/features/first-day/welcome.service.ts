import { findMunicipality, type Welcome } from '@yhteistyotila/protocol';
import { UserModel } from '../../auth/user.model.js';
import { oid } from '../../db/object-id.js';
import { notFound } from '../../errors.js';
import { ConversationModel } from '../conversations/index.js';

/** Seeded channel the welcome points to for questions (protocol default-channels). */
const EXPERTS_CHANNEL_KEY = 'slug:kysy-asiantuntijalta';

const channelIdByKey = async (key: string): Promise<string | null> => {
  const doc = await ConversationModel.findOne({ key, archived: false }, { _id: 1 }).lean();
  return doc ? String(doc._id) : null;
};

/** Whether to show the first-day welcome, and the channels it points to. */
export async function getWelcome(userId: string): Promise<Welcome> {
  const user = await UserModel.findById(userId, {
    welcomeDismissedAt: 1,
    municipalityCode: 1,
  }).lean();
  if (!user) throw notFound();
  const county = user.municipalityCode ? findMunicipality(user.municipalityCode)?.county : null;
  return {
    show: !user.welcomeDismissedAt,
    regionId: county ?? null,
    regionChannelId: county ? await channelIdByKey(`slug:alue-${county.toLowerCase()}`) : null,
    expertsChannelId: await channelIdByKey(EXPERTS_CHANNEL_KEY),
  };
}

/** Never shown again, on any device (the first dismissal's time is kept). */
export async function dismissWelcome(userId: string, now = new Date()): Promise<void> {
  await UserModel.updateOne(
    { _id: oid(userId), welcomeDismissedAt: null },
    { $set: { welcomeDismissedAt: now } },
  );
}
