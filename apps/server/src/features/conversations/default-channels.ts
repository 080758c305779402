import {
  can,
  DEFAULT_CATEGORY_NAMES,
  DEFAULT_CHANNEL_TEXTS,
  TRANSLATED_CHANNEL_FIELDS,
  findMunicipality,
} from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import { UserModel } from '../../auth/user.model.js';
import type { AppContext } from '../../context.js';
import { oid } from '../../db/object-id.js';
import { isDuplicateKey } from '../../errors.js';
import { ChannelInitModel, ConversationModel, type ConversationDoc } from './conversation.model.js';
import { addMember } from './membership.service.js';

/**
 * The channels every workspace starts with, created at start-up, and the first-connection
 * auto-joins into them.
 */
/**
 * Seeded in Finnish (idempotently, by key, so several processes may race), each with its
 * `defaultKey`: readers see its texts in their own language (protocol default-channels.ts).
 * Channels seeded before the key existed get it here, with the fields already changed since
 * marked as written.
 */
export async function seedDefaultChannels(): Promise<void> {
  for (const ch of DEFAULT_CHANNEL_TEXTS) {
    const key = `slug:${ch.key}`;
    const fi = { ...ch.texts.fi, category: DEFAULT_CATEGORY_NAMES[ch.category].fi };
    const existing = await ConversationModel.findOne(
      { key },
      { defaultKey: 1, name: 1, topic: 1, category: 1 },
    ).lean();
    if (existing) {
      if (!existing.defaultKey) {
        const customised = TRANSLATED_CHANNEL_FIELDS.filter((f) => existing[f] !== fi[f]);
        await ConversationModel.updateOne(
          { _id: existing._id, defaultKey: null },
          { $set: { defaultKey: ch.key, customised } },
        );
      }
      continue;
    }
    try {
      await ConversationModel.create({
        key,
        kind: 'channel',
        visibility: 'public',
        name: fi.name,
        nameKey: fi.name.toLocaleLowerCase('fi'),
        topic: fi.topic,
        category: fi.category,
        regionId: ch.regionId,
        isDefault: true,
        autoJoin: ch.autoJoin,
        defaultKey: ch.key,
      });
    } catch (err) {
      // Another process created it at the same moment (unique key).
      if (!isDuplicateKey(err)) throw err;
    }
  }
}

/** Once per person: the auto-join channels and their own region's channel. */
export async function autoJoinOnce(app: AppContext, user: AuthUser): Promise<void> {
  // Joining public channels uninvited is the row "channel.browsePublic" (a guest: only invited).
  if (!can('channel.browsePublic', { role: user.role, expert: user.expert }) || user.channelsJoined)
    return;
  const markJoined = () =>
    UserModel.updateOne({ _id: oid(user.id) }, { $set: { channelsJoinedAt: new Date() } });
  try {
    await ChannelInitModel.create({ _id: oid(user.id) });
  } catch (err) {
    // Done before (by another process, or before channelsJoinedAt existed): remember it.
    if (isDuplicateKey(err)) return void (await markJoined());
    throw err;
  }
  const person = await UserModel.findById(user.id, { municipalityCode: 1 }).lean();
  const county = person?.municipalityCode
    ? findMunicipality(person.municipalityCode)?.county
    : null;
  const or: Record<string, unknown>[] = [{ autoJoin: true }];
  if (county) or.push({ regionId: county });
  const convs = (await ConversationModel.find({
    kind: 'channel',
    isDefault: true,
    archived: false,
    $or: or,
  }).lean()) as ConversationDoc[];
  for (const conv of convs) await addMember(app, conv, user.id);
  await markJoined();
}
