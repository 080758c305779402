import { z } from 'zod';
import { idSchema, isoDateSchema, languageSchema } from './common.js';
import { roleSchema } from './roles.js';

/** What a signed-in client knows about itself. */
export const sessionUserSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: roleSchema,
  language: languageSchema,
  guestUntil: isoDateSchema.nullable(),
  /** True when the privacy statement changed since the person last consented. */
  mustReconsent: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const whoamiResultSchema = z.object({ user: sessionUserSchema, serverTime: isoDateSchema });
export type WhoamiResult = z.infer<typeof whoamiResultSchema>;

export const sessionRevokedSchema = z.object({
  reason: z.enum(['signed-out', 'revoked', 'suspended', 'expired', 'deleted']),
});
