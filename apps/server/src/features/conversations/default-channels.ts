import { REGIONAL_UNITS } from '@yhteistyotila/protocol';

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
