import {
  MUNICIPALITIES,
  can,
  type PeopleListFilters,
  type PersonDetail,
  type PersonListItem,
} from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import { UserModel, type UserDoc } from '../../auth/user.model.js';
import { oid } from '../../db/object-id.js';
import { notFound } from '../../errors.js';
import { escapeRegex } from '../../lib/escape-regex.js';
import { presentUserSummary, requireAction } from '../access/index.js';

/*
 * The people page: moderators and admins find people by name and filters and open a person's
 * page. The actions on a person are the access feature's (roles.service.ts).
 */

type ListQuery = PeopleListFilters;

const presentListItem = (u: UserDoc): PersonListItem => ({
  ...presentUserSummary(u),
  municipalityCode: u.municipalityCode ?? null,
  createdAt: (u as UserDoc & { createdAt: Date }).createdAt.toISOString(),
});

/** Municipality codes of a wellbeing services county (regions.ts). */
const codesOfCounty = (county: string) =>
  MUNICIPALITIES.filter((m) => m.county === county).map((m) => m.code);

function filterOf(q: ListQuery): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (q.query) filter.name = { $regex: escapeRegex(q.query), $options: 'i' };
  if (q.role) filter.role = q.role;
  if (q.status) filter.status = q.status;
  // Stored for everyone (the start-up migration): an equality either way.
  if (q.expert !== undefined) filter.expert = q.expert;
  if (q.county) {
    const codes = codesOfCounty(q.county);
    const within = q.municipalityCode ? codes.filter((c) => c === q.municipalityCode) : codes;
    filter.municipalityCode = { $in: within };
  } else if (q.municipalityCode) filter.municipalityCode = q.municipalityCode;
  return filter;
}

/** A page of people, by name; `total` counts every match. */
export async function listPeople(
  actor: AuthUser,
  q: ListQuery,
): Promise<{ people: PersonListItem[]; total: number }> {
  await requireAction(actor, 'people.read');
  const filter = filterOf(q);
  const [docs, total] = await Promise.all([
    UserModel.find(filter)
      .sort({ name: 1, _id: 1 })
      .skip(q.offset)
      .limit(q.limit)
      .lean<UserDoc[]>(),
    UserModel.countDocuments(filter),
  ]);
  return { people: docs.map(presentListItem), total };
}

/** A person's page; the e-mail only for those the table lets see it. */
export async function getPerson(actor: AuthUser, userId: string): Promise<PersonDetail> {
  const role = await requireAction(actor, 'people.read');
  const doc = await UserModel.findById(oid(userId)).lean<UserDoc>();
  if (!doc) throw notFound();
  return {
    ...presentListItem(doc),
    email: can('user.seeEmail', { role }) ? doc.email : null,
    association: doc.association ?? '',
    parentRole: doc.parentRole ?? '',
    suspension:
      doc.status === 'suspended' && doc.suspendedAt
        ? { reason: doc.suspendedReason ?? '', at: doc.suspendedAt.toISOString() }
        : null,
  };
}
