import { z } from 'zod';
import { idSchema, isoDateSchema, languageSchema } from './common.js';
import { roleSchema } from './roles.js';

/** What a signed-in client knows about itself. */
export const sessionUserSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: roleSchema,
  /** Holds the expert capability (beside the role; a guest expert always does). */
  expert: z.boolean(),
  language: languageSchema,
  guestUntil: isoDateSchema.nullable(),
  /** True when the privacy statement changed since the person last consented. */
  mustReconsent: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const whoamiResultSchema = z.object({ user: sessionUserSchema, serverTime: isoDateSchema });
export type WhoamiResult = z.infer<typeof whoamiResultSchema>;

export const sessionRevokedSchema = z.object({
  /**
   * `password-changed`: the password was changed on another device; `rotated`: this device
   * changed it and holds a new session cookie already (the socket reconnects, nothing to show).
   */
  reason: z.enum([
    'signed-out',
    'revoked',
    'suspended',
    'expired',
    'deleted',
    'password-changed',
    'rotated',
  ]),
});
export type SessionEndReason = z.infer<typeof sessionRevokedSchema>['reason'];

/** A readable device name from the user agent; enough to tell "my phone" from "work laptop". */
export function describeAgent(ua: string): string {
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : '';
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return [browser, os].filter(Boolean).join(', ');
}
