import type { AppContext } from '../../context.js';
import { startPeriodicJob } from '../../lib/lease.js';
import { SECOND } from '../../lib/time.js';
import { sendPush } from '../push/index.js';
import { NotificationModel, type NotificationDoc } from './notification.model.js';

/**
 * Web Push for notifications (issue 14, item 5 glued to items 1–3): each row whose delivery
 * decision gave it a push time (`pushAt`, held to the end of quiet hours) is pushed once that
 * time has come, unless the person read it meanwhile. `pushDue` is the equality the job reads
 * by, so a tick reads only what is still to send (FerretDB pushes no range down). The periodic
 * job runs in one process per tick (a lease); a row is marked sent before it is pushed, so a
 * crash in between loses one push rather than sending it twice.
 */
export async function runPushDelivery(app: AppContext, now = new Date()): Promise<number> {
  const due = await NotificationModel.find({ pushDue: true }).lean<NotificationDoc[]>();
  let pushed = 0;
  for (const n of due) {
    if (n.pushAt && n.pushAt.getTime() > now.getTime()) continue;
    await NotificationModel.updateOne({ _id: n._id }, { $set: { pushDue: false } });
    if (n.readAt) continue;
    const outcome = await sendPush(app, String(n.recipientId), {
      title: n.where || 'Yhteistyötila',
      body: n.text,
      url: n.link,
      tag: n.key,
      // People's words (a DM, a private channel, a question about a child): shown on a lock
      // screen only when the person allowed it in their push settings.
      containsPrivateContent: n.actorId !== null,
    });
    if (outcome.sent) pushed += 1;
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
