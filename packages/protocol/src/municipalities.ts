/*
 * The municipalities without zod (their schema is in regions.ts): the join form's picker shows
 * them before the form has loaded the protocol's schemas (decision 84).
 */
import data from './data/finland-municipalities-2021.json' with { type: 'json' };

/** The 309 municipalities (2021 division) and the 22 regional units, shipped with the project. */
export interface Municipality {
  code: string;
  name_fi: string;
  name_sv: string;
  /** Wellbeing services county id; "HKI" = City of Helsinki; null = Åland. */
  county: string | null;
}
export interface RegionalUnit {
  id: string;
  name_fi: string;
  name_sv: string;
  short_name_fi: string;
  short_name_sv: string;
}

export const MUNICIPALITIES: readonly Municipality[] = data.municipalities;
export const REGIONAL_UNITS: readonly RegionalUnit[] = data.counties;
export const REGIONS_SOURCE: string = data.source;

export const findMunicipality = (code: string): Municipality | undefined =>
  MUNICIPALITIES.find((m) => m.code === code);
