import { z } from 'zod';
import { LANGUAGES } from './languages.js';

export { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './languages.js';
export const languageSchema = z.enum(LANGUAGES);

/** A MongoDB ObjectId as 24 lower-case hex characters. */
export const idSchema = z.string().regex(/^[0-9a-f]{24}$/, 'id');
export const isoDateSchema = z.iso.datetime({ offset: true });

/** Payload for events that take no arguments: still one object, never extra keys. */
export const emptySchema = z.object({}).strict();
