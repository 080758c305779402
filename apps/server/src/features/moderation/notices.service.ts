import { rooms, type Notice, type NoticeKind, type NoticeTemplate } from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import { oid } from '../../db/object-id.js';
import type { Facts } from '../../realtime/facts.js';
import { recordAudit } from '../audit/index.js';
import { NoticeModel, type NoticeDoc } from './notice.model.js';
import { presentNotice } from './moderation.presenter.js';
import { targetOf } from './staff-target.js';

/** How many notes and warnings a list shows (newest first). */
const NOTICE_LIST_LIMIT = 100;

/**
 * A note or a warning to one person: stored, recorded once in the audit log with its reason,
 * and told live to every open tab of the person.
 */
export async function sendNotice(
  facts: Facts,
  actor: AuthUser,
  input: {
    userId: string;
    kind: NoticeKind;
    template: NoticeTemplate | null;
    text: string | null;
    reason: string;
  },
): Promise<Notice> {
  await targetOf(actor, input.userId, 'moderation.note');
  const doc = (
    await NoticeModel.create({
      userId: oid(input.userId),
      byId: oid(actor.id),
      kind: input.kind,
      // A template speaks only when unedited: then the reader's app shows it in their language.
      template: input.text === null ? input.template : null,
      text: input.text,
      reason: input.reason,
      at: new Date(),
    })
  ).toObject() as NoticeDoc;
  await recordAudit({
    actorId: actor.id,
    action: input.kind === 'warning' ? 'moderation.warn' : 'moderation.note',
    targetType: 'user',
    targetId: input.userId,
    reason: input.reason,
    details: {
      noticeId: doc._id.toHexString(),
      template: doc.template ?? null,
    },
  });
  const notice = presentNotice(doc);
  facts.add(rooms.user(input.userId), 'moderation:noticed', { notice });
  return notice;
}

export async function noticesTo(userId: string): Promise<Notice[]> {
  const docs = await NoticeModel.find({ userId: oid(userId) })
    .sort({ at: -1 })
    .limit(NOTICE_LIST_LIMIT)
    .lean<NoticeDoc[]>();
  return docs.map(presentNotice);
}
