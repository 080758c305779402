import {
  PRIVACY_VERSION_EXISTS,
  rooms,
  type PrivacyVersionSummary,
  type PublishPrivacyVersionBody,
} from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import { suspendLiveAccess } from '../../auth/live-access.js';
import { PrivacyVersionModel } from '../../auth/privacy-version.model.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Facts } from '../../realtime/facts.js';
import { requireAction } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { reloadEverywhere } from './propagation.js';

const exists = () =>
  new AppError('CONFLICT', 'this privacy statement version exists already', {
    issues: [{ path: 'version', code: PRIVACY_VERSION_EXISTS }],
  });

/**
 * An admin publishes a new statement: stored whole (the three texts, never changed again), put
 * in force on every process, and everyone signed in is taken out of their rooms until they
 * accept it (live-access.ts); their screens are told to show it.
 */
export async function publishPrivacyVersion(
  app: AppContext,
  facts: Facts,
  actor: AuthUser,
  readBody: () => PublishPrivacyVersionBody,
): Promise<PrivacyVersionSummary> {
  await requireAction(actor, 'privacy.publish');
  const { version, texts } = readBody();
  const publishedAt = new Date();
  try {
    await PrivacyVersionModel.create({ _id: version, texts, publishedAt, source: 'admin' });
  } catch (err) {
    if ((err as { code?: unknown }).code === 11000) throw exists();
    throw err;
  }
  await recordAudit({
    actorId: actor.id,
    action: 'privacy.publish',
    targetType: 'privacyVersion',
    targetId: version,
  });
  await reloadEverywhere(app);
  await suspendEveryone(app, facts, version);
  return { version, publishedAt: publishedAt.toISOString(), current: true };
}

/** Every person with an open socket, on any process, leaves their rooms and hears why. */
async function suspendEveryone(app: AppContext, facts: Facts, version: string): Promise<void> {
  const userIds = new Set<string>();
  for (const socket of await app.io.fetchSockets()) {
    const user = socket.data.user;
    if (user) userIds.add(user.id);
  }
  for (const userId of userIds) await suspendLiveAccess(app, userId);
  if (userIds.size)
    facts.add(
      [...userIds].map((id) => rooms.user(id)),
      'privacy:published',
      { version },
    );
}
