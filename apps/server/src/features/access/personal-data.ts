import type { DeleteMode, Language } from '@yhteistyotila/protocol';
import mongoose from 'mongoose';
import type { SectionAbout } from './readable-export/render.js';

/**
 * The personal data registry: every collection that holds data about a person registers here
 * (at import time, from its feature). The data export and the account erasure iterate over it,
 * and so do their tests, which check the database directly: a new collection that is not
 * registered here is caught by the "no trace of the person left" test.
 * docs/personal-data.md describes each entry for people.
 */
export interface EraseContext {
  mode: DeleteMode;
  /** Random stand-in for the person in records that must outlive the account (proof only). */
  pseudonym: string;
}

export interface PersonalDataSource {
  /** MongoDB collection name (also the section name in the export). */
  collection: string;
  /** Fields that point at the person (ObjectId or its hex string). None may remain after erase. */
  userFields: string[];
  /** Fields holding personal data, for docs/personal-data.md and review. */
  fields: string[];
  /** What erase() does, in one sentence (kept next to the code it describes). */
  onErase: string;
  /** The section of the readable export: its title, what it holds and why it is kept. */
  about: SectionAbout;
  /**
   * Names for ids this collection owns (people, channels), so the readable export shows a
   * name where the JSON has an id. Only ids the person could already see are asked for.
   */
  names?(ids: string[], lang: Language): Promise<Map<string, string>>;
  export(userId: string): Promise<Record<string, unknown>[]>;
  erase(userId: string, ctx: EraseContext): Promise<void>;
}

const sources: PersonalDataSource[] = [];

/** Returns an unregister function (tests). A collection registers once. */
export function registerPersonalData(source: PersonalDataSource): () => void {
  if (sources.some((s) => s.collection === source.collection)) {
    throw new Error(`personal data source ${source.collection} registered twice`);
  }
  sources.push(source);
  return () => {
    const i = sources.indexOf(source);
    if (i >= 0) sources.splice(i, 1);
  };
}

export const personalDataSources = (): readonly PersonalDataSource[] => sources;

/** JSON-safe copy of a lean document: ObjectIds as hex, dates as ISO strings. */
export function plain(value: unknown): unknown {
  if (value instanceof mongoose.Types.ObjectId) return value.toHexString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

export const plainDocs = (docs: object[]): Record<string, unknown>[] =>
  docs.map((d) => plain(d) as Record<string, unknown>);
