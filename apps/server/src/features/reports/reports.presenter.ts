import type { MyReport, PersonRef, Report, ReportCategory } from '@yhteistyotila/protocol';
import { loadPeople, type People } from '../conversations/index.js';
import type { ReportDoc } from './report.model.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const ref = (people: People, id: unknown): PersonRef | null =>
  id ? (people.get(String(id)) ?? null) : null;

function targetOf(d: ReportDoc): Report['target'] {
  switch (d.targetType) {
    case 'message':
      return { type: 'message', messageId: String(d.targetId) };
    case 'library-entry':
      return { type: 'library-entry', entryId: String(d.targetId) };
    default:
      return { type: 'profile', userId: String(d.targetId) };
  }
}

function placeOf(d: ReportDoc): Report['snapshot']['place'] {
  switch (d.placeKind) {
    case 'public-channel':
      return {
        kind: 'public-channel',
        conversationId: String(d.conversationId),
        name: d.placeName,
        defaultKey: d.placeDefaultKey ?? null,
      };
    case 'private-channel':
      // Never the channel's id or name: moderators get the one message, nothing of the channel.
      return { kind: 'private-channel' };
    case 'dm':
      return { kind: 'dm' };
    default:
      return null;
  }
}

/** Moderator view. A claim that has lapsed shows as free. */
export async function presentReports(docs: ReportDoc[], now = new Date()): Promise<Report[]> {
  const people = await loadPeople(
    docs.flatMap((d) => [d.targetUserId, d.reporterId, d.claimedBy, d.resolvedBy]),
  );
  return docs.map((d) => {
    const claimLive =
      d.status === 'open' && d.claimedBy && d.claimExpiresAt && d.claimExpiresAt > now;
    return {
      id: String(d._id),
      target: targetOf(d),
      category: d.category as ReportCategory,
      note: d.note,
      snapshot: {
        person: ref(people, d.targetUserId),
        text: d.snapshotText,
        writtenAt: iso(d.writtenAt),
        place: placeOf(d),
      },
      reporter: ref(people, d.reporterId),
      createdAt: d.createdAt.toISOString(),
      status: d.status,
      claimedBy: claimLive ? ref(people, d.claimedBy) : null,
      claimExpiresAt: claimLive ? iso(d.claimExpiresAt) : null,
      resolvedBy: ref(people, d.resolvedBy),
      resolvedAt: iso(d.resolvedAt),
      reason: d.reason ?? null,
    };
  });
}

export const presentReport = async (d: ReportDoc): Promise<Report> =>
  (await presentReports([d]))[0]!;

/** The reporter's view: what happened, never who decided or why in their words. */
export const presentMyReport = (d: ReportDoc): MyReport => ({
  id: String(d._id),
  target: targetOf(d),
  category: d.category as ReportCategory,
  note: d.note,
  createdAt: d.createdAt.toISOString(),
  status: d.status,
  resolvedAt: iso(d.resolvedAt),
});
