import { randomBytes } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import {
  DEFAULT_TIME_ZONE,
  type DeleteMode,
  type Language,
  type PersonalDataExport,
  type Profile,
  type ProfileUpdateBody,
} from '@yhteistyotila/protocol';
import type { AppContext } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { recordAudit } from '../audit/index.js';
import type { AuthUser } from '../../auth/auth.js';
import { oid } from '../../db/object-id.js';
import { personalDataSources } from './personal-data.js';
import { renderReadableExport } from './readable-export/render.js';
import { verifyPassword } from './passwords.js';
import { endUserSessions, refreshUserSockets } from '../../auth/sessions.js';
import { UserModel, type UserDoc } from '../../auth/user.model.js';

export const presentProfile = (u: UserDoc): Profile => ({
  id: u._id.toHexString(),
  name: u.name,
  email: u.email,
  role: u.role,
  guestUntil: u.guestUntil ? u.guestUntil.toISOString() : null,
  municipalityCode: u.municipalityCode ?? null,
  association: u.association ?? '',
  parentRole: u.parentRole ?? '',
  language: u.language,
  introduction: u.introduction ?? '',
  timeZone: u.timeZone ?? DEFAULT_TIME_ZONE,
  consentVersion: u.consentVersion ?? null,
  createdAt: (u as { createdAt?: Date }).createdAt?.toISOString() ?? new Date(0).toISOString(),
});

export async function getProfile(userId: string): Promise<Profile> {
  const doc = await UserModel.findById(userId).lean<UserDoc>();
  if (!doc) throw notFound();
  return presentProfile(doc);
}

export async function updateProfile(
  app: AppContext,
  userId: string,
  patch: ProfileUpdateBody,
): Promise<Profile> {
  const doc = await UserModel.findOneAndUpdate(
    { _id: oid(userId) },
    { $set: patch },
    { returnDocument: 'after', runValidators: true },
  ).lean<UserDoc>();
  if (!doc) throw notFound();
  await refreshUserSockets(app, userId);
  return presentProfile(doc);
}

/** Everything about the person, one section per registered collection. */
export async function exportMyData(userId: string, now = new Date()): Promise<PersonalDataExport> {
  const sections: PersonalDataExport['sections'] = {};
  for (const source of personalDataSources())
    sections[source.collection] = await source.export(userId);
  return {
    format: 'yhteistyotila-personal-data/1',
    exportedAt: now.toISOString(),
    userId,
    sections,
  };
}

const DOWNLOAD_NAMES: Record<Language, string> = {
  fi: 'yhteistyotila-omat-tiedot',
  sv: 'yhteistyotila-mina-uppgifter',
  en: 'yhteistyotila-my-data',
};

/** Every id-shaped string anywhere in the export, except the person's own. */
function idsIn(data: PersonalDataExport): string[] {
  const ids = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (/^[0-9a-f]{24}$/.test(v) && v !== data.userId) ids.add(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(data.sections);
  return [...ids];
}

/**
 * "Download my data" as one ZIP: the machine-readable JSON and a readable HTML copy in the
 * person's language (names instead of ids and codes, each section saying what it holds and
 * why it is kept).
 */
export async function exportMyDataDownload(
  app: AppContext,
  userId: string,
  lang: Language,
  now = new Date(),
): Promise<{ filename: string; zip: Uint8Array }> {
  const data = await exportMyData(userId, now);
  const ids = idsIn(data);
  const names = new Map<string, string>();
  for (const source of personalDataSources()) {
    if (!source.names || ids.length === 0) continue;
    for (const [id, name] of await source.names(ids, lang)) names.set(id, name);
  }
  const html = renderReadableExport({
    data,
    lang,
    about: new Map(personalDataSources().map((s) => [s.collection, s.about])),
    names,
    controller: app.config.controller,
  });
  const base = `${DOWNLOAD_NAMES[lang]}-${data.exportedAt.slice(0, 10)}`;
  const zip = zipSync({
    [`${base}.json`]: strToU8(JSON.stringify(data, null, 2)),
    [`${base}.html`]: strToU8(html),
  });
  return { filename: `${base}.zip`, zip };
}

/**
 * Erases the account after the password is re-entered. Sessions (and sockets) end first, then
 * every registered source erases, in reverse registration order: a source may still look up
 * documents of sources registered before it (e.g. consents find the person's join request).
 */
export async function deleteMyAccount(
  app: AppContext,
  user: AuthUser,
  password: string,
  mode: DeleteMode,
): Promise<void> {
  const doc = await UserModel.findById(user.id).lean<UserDoc>();
  if (!doc || !(await verifyPassword(doc.passwordHash ?? null, password))) {
    throw new AppError('INVALID_CREDENTIALS', 'invalid credentials');
  }
  const pseudonym = `erased-${randomBytes(9).toString('base64url')}`;
  // Recorded before erasure so that it, too, ends up under the pseudonym.
  await recordAudit({
    actorId: user.id,
    action: 'account.erase',
    targetType: 'user',
    targetId: user.id,
    details: { mode },
  });
  await endUserSessions(app, user.id, 'deleted');
  for (const source of [...personalDataSources()].reverse())
    await source.erase(user.id, { mode, pseudonym });
  app.log.info({ mode }, 'account erased');
}
