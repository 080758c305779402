import type { Language, UnsubscribeScope } from '@yhteistyotila/protocol';
import { UserModel } from '../../auth/user.model.js';
import { oid } from '../../db/object-id.js';
import { AppError } from '../../errors.js';
import type { Facts } from '../../realtime/facts.js';
import { NotificationPrefsModel } from './notification.model.js';
import { savePrefs } from './notifications.service.js';
import { prefsFromDoc } from './prefs-memory.js';
import { readUnsubscribeToken } from './unsubscribe-token.js';

/**
 * A mail's unsubscribe link (RFC 8058). The signed token is the whole authority: it names one
 * person and what to turn off, and can do nothing else, so no sign-in is asked (the mail
 * program POSTs with no cookie). An erased account's link is refused like a forged one.
 */
async function personOf(token: string) {
  const { userId, scope } = await readUnsubscribeToken(token);
  const person = await UserModel.findById(oid(userId), { language: 1 }).lean();
  if (!person) throw new AppError('TOKEN_INVALID', 'account not available');
  return { userId, scope, language: person.language as Language };
}

export async function unsubscribeInfo(
  token: string,
): Promise<{ scope: UnsubscribeScope; language: Language }> {
  const { scope, language } = await personOf(token);
  return { scope, language };
}

/** Turns the mail off (one kind, or all); a repeat changes nothing more. */
export async function unsubscribeByLink(
  facts: Facts,
  token: string,
  now = new Date(),
): Promise<{ scope: UnsubscribeScope; language: Language }> {
  const { userId, scope, language } = await personOf(token);
  const prefs = prefsFromDoc(await NotificationPrefsModel.findById(oid(userId)).lean());
  if (scope === 'all') prefs.email.frequency = 'off';
  else prefs.kinds[scope] = { ...prefs.kinds[scope], email: false };
  await savePrefs(facts, userId, prefs, now);
  return { scope, language };
}
