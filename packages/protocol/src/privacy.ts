import { z } from 'zod';
import { privacyStatementSchema } from './access.js';
import { isoDateSchema, languageSchema } from './common.js';
import { defineRoute } from './define.js';

/**
 * Privacy-statement versions: every version's full text (fi, sv, en) is kept in the database,
 * the newest published one is in force. Admins publish new ones (row "privacy.publish").
 */

/** A version id: its date, with an optional suffix for a second version on one day. */
export const PRIVACY_VERSION_ID = /^\d{4}-\d{2}-\d{2}(-[a-z0-9]{1,20})?$/;
export const privacyVersionIdSchema = z.string().regex(PRIVACY_VERSION_ID, 'version');
/** Markdown of one language; blank is refused with `too_small`. Three fit in the 100 kB body limit. */
export const PRIVACY_TEXT_MAX = 30_000;
const statementTextSchema = z.string().trim().min(1).max(PRIVACY_TEXT_MAX);

/** The issue code of the CONFLICT answered when the version id is already taken. */
export const PRIVACY_VERSION_EXISTS = 'privacy_version_exists';

export const publishPrivacyVersionBodySchema = z.object({
  version: privacyVersionIdSchema,
  texts: z.object({ fi: statementTextSchema, sv: statementTextSchema, en: statementTextSchema }),
});
export type PublishPrivacyVersionBody = z.infer<typeof publishPrivacyVersionBodySchema>;

export const privacyVersionSummarySchema = z.object({
  version: z.string(),
  publishedAt: isoDateSchema,
  /** The version in force. */
  current: z.boolean(),
});
export type PrivacyVersionSummary = z.infer<typeof privacyVersionSummarySchema>;

export const privacyVersionListSchema = z.object({
  /** Newest first. */
  versions: z.array(privacyVersionSummarySchema),
});

export const myPrivacyConsentQuerySchema = z.object({ lang: languageSchema.optional() });
export const myPrivacyConsentSchema = z.object({
  /** The person's latest consent, with the very text they accepted; null without a record. */
  accepted: z
    .object({
      version: z.string(),
      at: isoDateSchema,
      /** The language they read it in. */
      language: languageSchema,
      /** That version in the language asked for (the UI language). */
      statement: privacyStatementSchema,
    })
    .nullable(),
});
export type MyPrivacyConsent = z.infer<typeof myPrivacyConsentSchema>;

export const privacyRoutes = {
  privacyVersions: defineRoute({
    method: 'GET',
    path: '/privacy/versions',
    result: privacyVersionListSchema,
  }),
  myPrivacyConsent: defineRoute({
    method: 'GET',
    path: '/me/privacy-consent',
    query: myPrivacyConsentQuerySchema,
    result: myPrivacyConsentSchema,
  }),
  /** Admins: stores the version, puts it in force on every process, asks everyone to accept it. */
  publishPrivacyVersion: defineRoute({
    method: 'POST',
    path: '/privacy/versions',
    body: publishPrivacyVersionBodySchema,
    result: privacyVersionSummarySchema,
    status: 201,
  }),
};

export const privacyServerEvents = {
  /** To every signed-in socket: a new statement is in force; read it and accept it. */
  'privacy:published': z.object({ version: z.string() }),
};
