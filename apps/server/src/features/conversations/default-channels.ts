import { REGIONAL_UNITS, findMunicipality } from '@yhteistyotila/protocol';
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

export interface DefaultChannel {
  slug: string;
  name: string;
  topic: string;
  category: string;
  autoJoin: boolean;
  regionId: string | null;
}

/** Created in Finnish on first start (idempotently, by slug, so several processes may race). */
export const DEFAULT_CHANNELS: DefaultChannel[] = [
  {
    slug: 'yleinen',
    name: 'yleinen',
    topic: 'Yhteinen keskustelu kaikille',
    category: 'Yleiset',
    autoJoin: true,
    regionId: null,
  },
  {
    slug: 'vertaistuki',
    name: 'vertaistuki',
    topic: 'Vanhemmalta vanhemmalle: kokemuksia ja tukea',
    category: 'Yleiset',
    autoJoin: true,
    regionId: null,
  },
  {
    slug: 'kysy-asiantuntijalta',
    name: 'kysy asiantuntijalta',
    topic: 'Vanhempainliiton ja vierailevien asiantuntijoiden vastaukset',
    category: 'Yleiset',
    autoJoin: true,
    regionId: null,
  },
  {
    slug: 'yhteistyo-kunnan-kanssa',
    name: 'yhteistyö kunnan kanssa',
    topic: 'Vaikuttaminen ja yhteistyö kunnan ja hyvinvointialueen kanssa',
    category: 'Teemat',
    autoJoin: false,
    regionId: null,
  },
  {
    slug: 'varhaiskasvatus',
    name: 'varhaiskasvatus',
    topic: 'Päiväkodit ja perhepäivähoito',
    category: 'Teemat',
    autoJoin: false,
    regionId: null,
  },
  {
    slug: 'koulu',
    name: 'koulu',
    topic: 'Perusopetus ja vanhempainyhdistykset kouluissa',
    category: 'Teemat',
    autoJoin: false,
    regionId: null,
  },
  {
    slug: 'toinen-aste',
    name: 'toinen aste',
    topic: 'Lukiot ja ammatillinen koulutus',
    category: 'Teemat',
    autoJoin: false,
    regionId: null,
  },
  {
    slug: 'vanhempainyhdistykset',
    name: 'vanhempainyhdistysten toiminta',
    topic: 'Yhdistyksen pyörittäminen, talous ja tapahtumat',
    category: 'Teemat',
    autoJoin: false,
    regionId: null,
  },
  ...REGIONAL_UNITS.map((u) => ({
    slug: `alue-${u.id.toLowerCase()}`,
    name: u.short_name_fi,
    topic: u.name_fi,
    category: 'Alueet',
    // People join their own region's channel automatically (by their municipality).
    autoJoin: false,
    regionId: u.id,
  })),
];

export async function seedDefaultChannels(): Promise<void> {
  for (const ch of DEFAULT_CHANNELS) {
    const key = `slug:${ch.slug}`;
    if (await ConversationModel.exists({ key })) continue;
    try {
      await ConversationModel.create({
        key,
        kind: 'channel',
        visibility: 'public',
        name: ch.name,
        nameKey: ch.name.toLocaleLowerCase('fi'),
        topic: ch.topic,
        category: ch.category,
        regionId: ch.regionId,
        isDefault: true,
        autoJoin: ch.autoJoin,
      });
    } catch (err) {
      // Another process created it at the same moment (unique key).
      if (!isDuplicateKey(err)) throw err;
    }
  }
}

/** Once per person: the auto-join channels and their own region's channel. */
export async function autoJoinOnce(app: AppContext, user: AuthUser): Promise<void> {
  if (user.role === 'guest' || user.channelsJoined) return;
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
