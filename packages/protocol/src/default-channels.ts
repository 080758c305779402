import type { Language } from './common.js';
import { REGIONAL_UNITS, type RegionalUnit } from './regions.js';

/**
 * The channels every workspace starts with, in the three languages. The server seeds them in
 * Finnish and stores each one's `defaultKey`; clients show a field in the reader's language until
 * someone changes that field (the channel's `customised` list), then as written. Region channels
 * take their names from the regional data (Keski-Suomi is Mellersta Finland in Swedish).
 */
export type DefaultCategory = 'general' | 'themes' | 'regions';
type Texts = Record<Language, { name: string; topic: string }>;

export interface DefaultChannelText {
  key: string;
  category: DefaultCategory;
  autoJoin: boolean;
  regionId: string | null;
  texts: Texts;
}

export const DEFAULT_CATEGORY_NAMES: Record<DefaultCategory, Record<Language, string>> = {
  general: { fi: 'Yleiset', sv: 'Allmänt', en: 'General' },
  themes: { fi: 'Teemat', sv: 'Teman', en: 'Themes' },
  regions: { fi: 'Alueet', sv: 'Regioner', en: 'Regions' },
};

/**
 * English names of the regional units (the data has Finnish and Swedish): the counties' own
 * English names; places without one keep their Finnish name, as English texts write them.
 */
const REGION_NAMES_EN: Record<string, [short: string, full: string]> = {
  EK: ['South Karelia', 'Wellbeing services county of South Karelia'],
  EP: ['South Ostrobothnia', 'Wellbeing services county of South Ostrobothnia'],
  ES: ['South Savo', 'Wellbeing services county of South Savo'],
  HKI: ['Helsinki', 'City of Helsinki'],
  IU: ['East Uusimaa', 'Wellbeing services county of East Uusimaa'],
  KA: ['Kainuu', 'Wellbeing services county of Kainuu'],
  KH: ['Kanta-Häme', 'Wellbeing services county of Kanta-Häme'],
  KP: ['Central Ostrobothnia', 'Wellbeing services county of Central Ostrobothnia'],
  KS: ['Central Finland', 'Wellbeing services county of Central Finland'],
  KU: ['Central Uusimaa', 'Wellbeing services county of Central Uusimaa'],
  KY: ['Kymenlaakso', 'Wellbeing services county of Kymenlaakso'],
  LA: ['Lapland', 'Wellbeing services county of Lapland'],
  LU: ['West Uusimaa', 'Wellbeing services county of West Uusimaa'],
  PH: ['Päijät-Häme', 'Wellbeing services county of Päijät-Häme'],
  PI: ['Pirkanmaa', 'Wellbeing services county of Pirkanmaa'],
  PK: ['North Karelia', 'Wellbeing services county of North Karelia'],
  PO: ['Ostrobothnia', 'Wellbeing services county of Ostrobothnia'],
  PP: ['North Ostrobothnia', 'Wellbeing services county of North Ostrobothnia'],
  PS: ['North Savo', 'Wellbeing services county of North Savo'],
  SA: ['Satakunta', 'Wellbeing services county of Satakunta'],
  VK: ['Vantaa and Kerava', 'Wellbeing services county of Vantaa and Kerava'],
  VS: ['Southwest Finland', 'Wellbeing services county of Southwest Finland'],
};

/** A regional unit's name in a language: short ("Keski-Suomi") or full (the county). */
export function regionName(unit: RegionalUnit, language: Language, full = false): string {
  if (language === 'sv') return full ? unit.name_sv : unit.short_name_sv;
  if (language === 'en') {
    const en = REGION_NAMES_EN[unit.id];
    if (en) return full ? en[1] : en[0];
  }
  return full ? unit.name_fi : unit.short_name_fi;
}

/** The library channel's key: every library entry's discussion thread is in it. */
export const LIBRARY_CHANNEL_KEY = 'hyvat-kaytannot';

const general = (
  key: string,
  category: DefaultCategory,
  autoJoin: boolean,
  texts: Texts,
): DefaultChannelText => ({ key, category, autoJoin, regionId: null, texts });

export const DEFAULT_CHANNEL_TEXTS: readonly DefaultChannelText[] = [
  general('yleinen', 'general', true, {
    fi: { name: 'yleinen', topic: 'Yhteinen keskustelu kaikille' },
    sv: { name: 'allmänt', topic: 'Gemensam diskussion för alla' },
    en: { name: 'general', topic: 'A shared discussion for everyone' },
  }),
  general('vertaistuki', 'general', true, {
    fi: { name: 'vertaistuki', topic: 'Vanhemmalta vanhemmalle: kokemuksia ja tukea' },
    sv: { name: 'kamratstöd', topic: 'Från förälder till förälder: erfarenheter och stöd' },
    en: { name: 'peer support', topic: 'Parent to parent: experiences and support' },
  }),
  general('kysy-asiantuntijalta', 'general', true, {
    fi: {
      name: 'kysy asiantuntijalta',
      topic: 'Vanhempainliiton ja vierailevien asiantuntijoiden vastaukset',
    },
    sv: {
      name: 'fråga en expert',
      topic: 'Svar av Föräldraförbundets och gästande experter',
    },
    en: {
      name: 'ask an expert',
      topic: "Answers from the Parents' League's own and visiting experts",
    },
  }),
  // The good-practices library's channel: each published entry's discussion is a thread here.
  general(LIBRARY_CHANNEL_KEY, 'general', true, {
    fi: {
      name: 'hyvät käytännöt',
      topic: 'Kirjaston hyvistä käytännöistä keskustellaan täällä, kustakin omassa ketjussaan',
    },
    sv: {
      name: 'god praxis',
      topic: 'Här diskuteras bibliotekets goda praxis, var och en i sin egen tråd',
    },
    en: {
      name: 'good practices',
      topic: "The library's good practices are discussed here, each in its own thread",
    },
  }),
  general('yhteistyo-kunnan-kanssa', 'themes', false, {
    fi: {
      name: 'yhteistyö kunnan kanssa',
      topic: 'Vaikuttaminen ja yhteistyö kunnan ja hyvinvointialueen kanssa',
    },
    sv: {
      name: 'samarbete med kommunen',
      topic: 'Påverkan och samarbete med kommunen och välfärdsområdet',
    },
    en: {
      name: 'working with the municipality',
      topic: 'Influence and cooperation with the municipality and the wellbeing services county',
    },
  }),
  general('varhaiskasvatus', 'themes', false, {
    fi: { name: 'varhaiskasvatus', topic: 'Päiväkodit ja perhepäivähoito' },
    sv: { name: 'småbarnspedagogik', topic: 'Daghem och familjedagvård' },
    en: { name: 'early childhood education', topic: 'Day-care centres and family day care' },
  }),
  general('koulu', 'themes', false, {
    fi: { name: 'koulu', topic: 'Perusopetus ja vanhempainyhdistykset kouluissa' },
    sv: { name: 'skolan', topic: 'Grundläggande utbildning och föräldraföreningar i skolorna' },
    en: { name: 'school', topic: "Basic education and schools' parents' associations" },
  }),
  general('toinen-aste', 'themes', false, {
    fi: { name: 'toinen aste', topic: 'Lukiot ja ammatillinen koulutus' },
    sv: { name: 'andra stadiet', topic: 'Gymnasier och yrkesutbildning' },
    en: { name: 'upper secondary', topic: 'General upper secondary and vocational education' },
  }),
  general('vanhempainyhdistykset', 'themes', false, {
    fi: {
      name: 'vanhempainyhdistysten toiminta',
      topic: 'Yhdistyksen pyörittäminen, talous ja tapahtumat',
    },
    sv: {
      name: 'föräldraföreningarnas verksamhet',
      topic: 'Att driva en förening: ekonomi och evenemang',
    },
    en: {
      name: "running a parents' association",
      topic: 'Running the association, its finances and events',
    },
  }),
  ...REGIONAL_UNITS.map((u): DefaultChannelText => ({
    key: `alue-${u.id.toLowerCase()}`,
    category: 'regions',
    // People join their own region's channel automatically (by their municipality).
    autoJoin: false,
    regionId: u.id,
    texts: {
      fi: { name: regionName(u, 'fi'), topic: regionName(u, 'fi', true) },
      sv: { name: regionName(u, 'sv'), topic: regionName(u, 'sv', true) },
      en: { name: regionName(u, 'en'), topic: regionName(u, 'en', true) },
    },
  })),
];

const BY_KEY = new Map(DEFAULT_CHANNEL_TEXTS.map((c) => [c.key, c]));
export const defaultChannelText = (key: string | null | undefined) =>
  key ? BY_KEY.get(key) : undefined;

/** Fields of a seeded channel that follow the reader's language until someone changes them. */
export const TRANSLATED_CHANNEL_FIELDS = ['name', 'topic', 'category'] as const;
export type TranslatedChannelField = (typeof TRANSLATED_CHANNEL_FIELDS)[number];

/**
 * What a reader sees of a channel: a seeded channel's unchanged fields in their language, the
 * rest as written.
 */
export function channelTextFor(
  c: {
    name: string;
    topic: string;
    category: string;
    defaultKey?: string | null;
    customised?: readonly string[];
  },
  language: Language,
): { name: string; topic: string; category: string } {
  const seeded = defaultChannelText(c.defaultKey);
  if (!seeded) return { name: c.name, topic: c.topic, category: c.category };
  const kept = (f: TranslatedChannelField) => !(c.customised ?? []).includes(f);
  return {
    name: kept('name') ? seeded.texts[language].name : c.name,
    topic: kept('topic') ? seeded.texts[language].topic : c.topic,
    category: kept('category') ? DEFAULT_CATEGORY_NAMES[seeded.category][language] : c.category,
  };
}

/** Every language's name of a seeded channel (for `in:` in search). */
export const defaultChannelNames = (key: string | null | undefined): string[] => {
  const seeded = defaultChannelText(key);
  return seeded ? Object.values(seeded.texts).map((t) => t.name) : [];
};
