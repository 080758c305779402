import { holdsExpertCapability, type PersonRef, type Role } from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import { findByIds } from '../db/find-by-ids.js';
import { LruCache } from '../lib/lru.js';
import { UserModel } from './user.model.js';

export type People = Map<string, PersonRef>;

/** The signed-in person as conversations show them (no lookup). */
export const personRefOf = (u: { id: string; name: string; role: Role; expert: boolean }) =>
  presentPersonRef({ _id: u.id, name: u.name, role: u.role, expert: u.expert });

/** A stored person as conversations show them: name, role, and the expert capability. */
export const presentPersonRef = (u: {
  _id: unknown;
  name: string;
  role: string;
  expert?: boolean | null;
}): PersonRef => {
  const role = u.role as Role;
  return {
    id: String(u._id),
    name: u.name,
    role,
    expert: holdsExpertCapability({ role, expert: u.expert === true }),
  };
};

/**
 * Names and roles shown on messages, cached for PEOPLE_TTL_MS: a timeline page, a catch-up
 * after a reconnect storm, or a busy channel names the same few people again and again. The
 * cost is that a rename or role change shows on older messages up to that much later.
 */
const PEOPLE_TTL_MS = 10_000;
const peopleCache = new LruCache<string, { person: PersonRef | null; at: number }>(5000);

export async function loadPeople(
  ids: Iterable<Types.ObjectId | string | null | undefined>,
): Promise<People> {
  const unique = [
    ...new Set([...ids].filter((id): id is Types.ObjectId | string => !!id).map(String)),
  ];
  const people: People = new Map();
  const now = Date.now();
  const missing: string[] = [];
  for (const id of unique) {
    const hit = peopleCache.get(id);
    if (hit && now - hit.at < PEOPLE_TTL_MS) {
      if (hit.person) people.set(id, hit.person);
    } else missing.push(id);
  }
  if (!missing.length) return people;
  const users = await findByIds(UserModel, missing, { name: 1, role: 1, expert: 1 });
  for (const u of users) {
    const person = presentPersonRef(u);
    people.set(person.id, person);
  }
  for (const id of missing) peopleCache.set(id, { person: people.get(id) ?? null, at: now });
  return people;
}

/** Forgets a cached name at once (in this process): after a rename, role change or erasure. */
export const forgetPerson = (id: string) => peopleCache.delete(id);
