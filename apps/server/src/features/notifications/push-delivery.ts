import { NOTIFICATION_KIND_TABLE, NOTIFICATION_KINDS } from '@yhteistyotila/protocol';
import { toAuthUser } from '../../auth/sessions.js';
import { UserModel, type UserDoc } from '../../auth/user.model.js';
import type { AppContext } from '../../context.js';
import { startPeriodicJob } from '../../lib/lease.js';
import { SECOND } from '../../lib/time.js';
import { sendPush } from '../push/index.js';
import { NotificationModel, type NotificationDoc } from './notification.model.js';
import { visibilityFor } from './notifications.service.js';

/** Kinds whose text is someone's words or a private matter; only staff queue kinds are not. */
const PRIVATE_KINDS = new Set<string>(
  NOTIFICATION_KINDS.filter((k) => NOTIFICATION_KIND_TABLE[k].audience !== 'moderators'),
);

/**
 * Web Push for notifications (issue 14, item 5 glued to items 1–3): each row whose delivery
 * decision gave it a push time (`pushAt`, held to the end of quiet hours) is pushed once that
 * time has come, unless the person read it meanwhile. `pushDue` is the equality the job reads
 * by, so a tick reads only what is still to send (FerretDB pushes no range down). The periodic
 * job runs in one process per tick (a lease); a row is marked sent before it is pushed, so a
 * crash in between loses one push rather than sending it twice.
 */
export async function runPushDelivery(app: AppContext, now = new Date()): Promise<number> {
  const due = (await NotificationModel.find({ pushDue: true }).lean<NotificationDoc[]>()).filter(
    (n) => !n.pushAt || n.pushAt.getTime() <= now.getTime(),
  );
  let pushed = 0;
  for (const [recipientId, rows] of Map.groupBy(due, (n) => String(n.recipientId))) {
    await NotificationModel.updateMany(
      { _id: { $in: rows.map((n) => n._id) } },
      { $set: { pushDue: false } },
    );
    // Asked again at push time, as the list does: hours of quiet may have passed since the row
    // was made (a removal from the channel, a block, a suspension in between).
    const person = await UserModel.findById(recipientId).lean<UserDoc>();
    if (!person || person.status !== 'active') continue;
    const stillVisible = await visibilityFor(toAuthUser(person), rows);
    for (const n of rows) {
      if (n.readAt || !stillVisible(n)) continue;
      const outcome = await sendPush(app, recipientId, {
        title: n.where || 'Yhteistyötila',
        body: n.text,
        url: n.link,
        tag: n.key,
        // People's words and private matters (a DM, a private channel, a question about a
        // child, a meeting's topic): on a lock screen only when the person allowed it.
        containsPrivateContent: PRIVATE_KINDS.has(n.kind),
      });
      if (outcome.sent) pushed += 1;
    }
  }
  return pushed;
}

export const startPushDelivery = (app: AppContext) =>
  startPeriodicJob(
    {
      name: 'notification-push',
      everyMs: 15 * SECOND,
      run: () => runPushDelivery(app).then(() => undefined),
    },
    app.log,
  );
