import {
  COOPERATION_MODELS,
  LANGUAGES,
  LIBRARY_LEVELS,
  LIBRARY_THEMES,
  QUALITY_AREAS,
} from '@yhteistyotila/protocol';
import { Schema } from 'mongoose';

/**
 * The content of a library entry: stored as the entry's current content and, as it was, on
 * each revision. The protocol's libraryContentSchema validates it before it gets here.
 */
export const contentFields = {
  title: { type: String, required: true },
  summary: { type: String, default: '' },
  body: { type: String, default: '' },
  language: { type: String, enum: LANGUAGES, required: true },
  themes: { type: [{ type: String, enum: LIBRARY_THEMES }], default: [] },
  steps: { type: [Number], default: [] },
  cooperationModel: { type: String, enum: [...COOPERATION_MODELS, null], default: null },
  qualityAreas: { type: [{ type: String, enum: QUALITY_AREAS }], default: [] },
  level: { type: String, enum: LIBRARY_LEVELS, required: true },
  municipalityCode: { type: String, default: null },
  countyCode: { type: String, default: null },
  sources: {
    type: [new Schema({ title: String, url: { type: String, default: null } }, { _id: false })],
    default: [],
  },
} as const;

/** The keys of the content, in the protocol's order. */
export const CONTENT_KEYS = [
  'title',
  'summary',
  'body',
  'language',
  'themes',
  'steps',
  'cooperationModel',
  'qualityAreas',
  'level',
  'municipalityCode',
  'countyCode',
  'sources',
] as const;
