import type { JoinRequest, JoinRequestStatus } from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import { UserModel } from '../../auth/user.model.js';
import type { JoinRequestDoc } from './join-request.model.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export const presentStatus = (r: JoinRequestDoc): JoinRequestStatus => ({
  status: r.status,
  submittedAt: r.createdAt.toISOString(),
  verifiedAt: iso(r.verifiedAt),
  decidedAt: iso(r.decidedAt),
});

/** Moderator view. Staff names are joined in with one $in query (no $lookup). */
export async function presentJoinRequests(
  docs: JoinRequestDoc[],
  now = new Date(),
): Promise<JoinRequest[]> {
  const staffIds = new Set<string>();
  for (const d of docs) {
    if (d.claimedBy) staffIds.add(d.claimedBy.toHexString());
    if (d.decidedBy) staffIds.add(d.decidedBy.toHexString());
  }
  const staff = await UserModel.find({ _id: { $in: [...staffIds] } }, { name: 1 }).lean();
  const names = new Map(staff.map((s) => [s._id.toHexString(), s.name]));
  const ref = (id: Types.ObjectId | null | undefined) =>
    id ? { id: id.toHexString(), name: names.get(id.toHexString()) ?? '' } : null;
  return docs.map((d) => {
    const claimLive =
      d.status === 'pending' && d.claimedBy && d.claimExpiresAt && d.claimExpiresAt > now;
    return {
      id: d._id.toHexString(),
      name: d.name,
      email: d.email,
      municipalityCode: d.municipalityCode,
      association: d.association ?? '',
      parentRole: d.parentRole ?? '',
      motivation: d.motivation ?? '',
      language: d.language,
      status: d.status,
      createdAt: d.createdAt.toISOString(),
      verifiedAt: iso(d.verifiedAt),
      claimedBy: claimLive ? ref(d.claimedBy) : null,
      claimExpiresAt: claimLive ? iso(d.claimExpiresAt) : null,
      decidedBy: ref(d.decidedBy),
      decidedAt: iso(d.decidedAt),
      userId: d.userId ? d.userId.toHexString() : null,
      rejectReason: d.rejectReason ?? null,
      rejectText: d.rejectText ?? '',
    };
  });
}

export const presentJoinRequest = async (doc: JoinRequestDoc) =>
  (await presentJoinRequests([doc]))[0]!;
