import type { Language } from '@yhteistyotila/protocol';
import type { AppContext } from '../../context.js';
import { ConsentModel } from './consent.model.js';
import { oid } from '../../db/object-id.js';

/**
 * Appends one record to the consent ledger: exactly the version the person was shown (the
 * caller has checked that it is the one in force; its text is kept in privacy_versions) and
 * the hash of that text.
 */
export async function recordConsent(
  app: Pick<AppContext, 'config' | 'privacy'>,
  subject: { requestId?: string; userId?: string },
  language: Language,
  context: 'join-request' | 'first-admin' | 'reconsent',
  version: string,
  at = new Date(),
): Promise<void> {
  await ConsentModel.create({
    requestId: subject.requestId ? oid(subject.requestId) : null,
    userId: subject.userId ? oid(subject.userId) : null,
    version,
    textSha256: app.privacy.statementHash(app.config, language, version),
    language,
    context,
    at,
  });
}

/** At approval the request's consents become the new account's. */
export async function attachRequestConsents(
  requestId: string,
  userId: string,
): Promise<string | null> {
  await ConsentModel.updateMany({ requestId: oid(requestId) }, { $set: { userId: oid(userId) } });
  const latest = await ConsentModel.findOne({ requestId: oid(requestId) })
    .sort({ at: -1 })
    .lean();
  return latest?.version ?? null;
}

/** The person's latest consent (which version, when, in which language), or null. */
export async function latestConsentOf(userId: string) {
  return ConsentModel.findOne({ userId: oid(userId) }, { version: 1, at: 1, language: 1 })
    .sort({ at: -1 })
    .lean();
}
