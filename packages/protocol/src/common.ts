import { z } from 'zod';

export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;
export const DEFAULT_LANGUAGE: Language = 'fi';

/** A MongoDB ObjectId as 24 lower-case hex characters. */
export const idSchema = z.string().regex(/^[0-9a-f]{24}$/, 'id');
export const isoDateSchema = z.iso.datetime({ offset: true });

/** Payload for events that take no arguments: still one object, never extra keys. */
export const emptySchema = z.object({}).strict();
