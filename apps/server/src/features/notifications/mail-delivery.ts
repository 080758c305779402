import {
  NOTIFICATION_KIND_TABLE,
  NOTIFICATION_PAGE_PATHS,
  API_PREFIX,
  notificationRoutes,
  routePath,
  type Language,
  type NotificationPrefs,
  type UnsubscribeScope,
} from '@yhteistyotila/protocol';
import { guestAccessOver } from '../../auth/guest-access.js';
import { toAuthUser } from '../../auth/sessions.js';
import { UserModel, type UserDoc } from '../../auth/user.model.js';
import type { AppContext } from '../../context.js';
import { oid } from '../../db/object-id.js';
import { acquireLock, startPeriodicJob } from '../../lib/lease.js';
import { claimEach } from '../../lib/once.js';
import { DAY, MINUTE } from '../../lib/time.js';
import { mailerFor } from '../mail/index.js';
import { renderDigest, type DigestItem } from './digest.render.js';
import { openQuestionsFor } from './digest.questions.js';
import {
  NotificationModel,
  NotificationPrefsModel,
  type NotificationDoc,
} from './notification.model.js';
import { actorNames, visibilityFor } from './notifications.service.js';
import { prefsFromDoc } from './prefs-memory.js';
import { seenMessageRows } from './seen.js';
import { unsubscribeToken } from './unsubscribe-token.js';
import { INTL_LOCALE } from '../../lib/intl-locale.js';

/**
 * Notification mail (issue 14, item 4). A row whose delivery decision gave it a mail time
 * (`emailAt`: 15 minutes on for "batched", the digest hour for "daily", past quiet hours) waits
 * with `emailDue`, the equality this job reads by. Once a person's first row is due, one mail
 * takes it and whatever else of theirs falls due within a batch's time, so a busy evening is
 * one mail, not ten. The mail leads with what the person has to act on, then what they missed.
 *
 * Once, with any number of processes: the job holds a lock while it runs (a tick of another
 * process finds it taken), and each row a mail takes is claimed by a unique insert keyed by the
 * row (racers that read the same rows, even with different clocks, win disjoint rows). The
 * rows are marked sent before the mail goes: a crash in between loses a mail, never doubles it.
 * At send time everything is asked again: read meanwhile, seen in the conversation, no longer
 * visible, the person's settings changed (an unsubscribe drops what was waiting).
 */
export async function runMailDelivery(app: AppContext, now = new Date()): Promise<number> {
  const lock = await acquireLock('notification-mail', 10 * MINUTE, now);
  if (!lock) return 0;
  try {
    const pending = await NotificationModel.find({ emailDue: true }).lean<NotificationDoc[]>();
    let sent = 0;
    for (const [recipientId, rows] of Map.groupBy(pending, (n) => String(n.recipientId))) {
      if (await mailOne(app, recipientId, rows, now)) sent += 1;
    }
    return sent;
  } finally {
    await lock.release();
  }
}

const dueBy = (n: NotificationDoc, t: number) => !!n.emailAt && n.emailAt.getTime() <= t;

async function mailOne(
  app: AppContext,
  recipientId: string,
  rows: NotificationDoc[],
  now: Date,
): Promise<boolean> {
  const ordered = [...rows].sort((a, b) => String(a._id).localeCompare(String(b._id)));
  const first = ordered.find((n) => dueBy(n, now.getTime()));
  if (!first) return false;
  const inWindow = ordered.filter((n) => dueBy(n, now.getTime() + app.config.emailBatchMs));
  // Each row is claimed on its own: a run that overran its lock reads with an older clock and
  // older rows than a newer run, so the two may see different first rows; a row is one mail's.
  const won = await claimEach(
    inWindow.map((n) => `mail:${String(n._id)}`),
    { now, expiresAt: new Date(now.getTime() + 2 * DAY) },
  );
  const taken = inWindow.filter((n) => won.has(`mail:${String(n._id)}`));
  if (!taken.length) return false;
  await NotificationModel.updateMany(
    { _id: { $in: taken.map((n) => n._id) } },
    { $set: { emailDue: false } },
  );

  const person = await UserModel.findById(oid(recipientId)).lean<UserDoc>();
  // An expired guest reads no conversation any more (conversations.policy.ts), nor its mail.
  if (!person || person.status !== 'active' || guestAccessOver(person, now)) return false;
  const prefs = prefsFromDoc(await NotificationPrefsModel.findById(person._id).lean());
  const [stillVisible, seen] = await Promise.all([
    // The rows go along: a library entry they name is read, a deleted one drops its row.
    visibilityFor(toAuthUser(person), taken),
    seenMessageRows(recipientId, taken),
  ]);
  const wanted = taken.filter(
    (n) =>
      !n.readAt &&
      !seen.has(String(n._id)) &&
      stillVisible(n) &&
      mailWanted(prefs, n) &&
      !(prefs.email.frequency === 'batched' && NOTIFICATION_KIND_TABLE[n.kind].ownMail),
  );
  if (!wanted.length) return false;

  const language = person.language as Language;
  const names = await actorNames(wanted);
  const items = wanted
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .map((n) => toItem(app, n, names, language, prefs.timeZone));
  const act = items.filter((i) => NOTIFICATION_KIND_TABLE[i.kind].actionable);
  const openQuestions =
    prefs.email.frequency === 'daily' && person.expert
      ? await openQuestionsFor(toAuthUser(person), now)
      : [];
  // One kind in the mail: its link turns off that kind; several: all notification mail.
  const kinds = new Set(wanted.map((n) => n.kind));
  const scope: UnsubscribeScope = kinds.size === 1 ? [...kinds][0]! : 'all';
  const token = await unsubscribeToken(recipientId, scope);
  const base = app.config.publicUrl;
  const oneClick = `${base}${API_PREFIX}${routePath(notificationRoutes.unsubscribe, { token })}`;
  const { subject, text, html } = renderDigest({
    name: person.name,
    language,
    act,
    missed: items.filter((i) => !NOTIFICATION_KIND_TABLE[i.kind].actionable),
    openQuestions: openQuestions.map((q) => ({ title: q.title, url: `${base}${q.link}` })),
    appUrl: `${base}/`,
    settingsUrl: `${base}${NOTIFICATION_PAGE_PATHS.settings}`,
    unsubscribeUrl: `${base}${NOTIFICATION_PAGE_PATHS.unsubscribe}#token=${token}`,
  });
  try {
    await mailerFor(app).send({
      to: person.email,
      subject,
      text,
      html,
      kind: 'notification-digest',
      headers: {
        'List-Unsubscribe': `<${oneClick}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
  } catch (err) {
    const failure = refusal(app, err);
    if (failure) throw failure;
    return false;
  }
  return true;
}

/**
 * A failed send, for the log: the relay's answer quotes the address ("550 <someone@...>:
 * Recipient address rejected"), so only its codes are kept. A permanent refusal of one address
 * is that person's alone: logged here and the run goes on to the others. Anything else (the
 * relay down) ends the run, which the next one resumes (this person's rows are spent).
 */
function refusal(app: AppContext, err: unknown): Error | null {
  const { code, responseCode } = err as { code?: unknown; responseCode?: unknown };
  const codes = {
    code: typeof code === 'string' ? code : null,
    responseCode: typeof responseCode === 'number' ? responseCode : null,
  };
  if (codes.responseCode !== null && codes.responseCode >= 500) {
    app.log.warn(codes, 'notification mail refused by the relay');
    return null;
  }
  return Object.assign(new Error('notification mail not sent'), codes);
}

/** The person's settings now: mail may have been turned off since the row was made. */
const mailWanted = (prefs: NotificationPrefs, n: NotificationDoc) =>
  prefs.email.frequency !== 'off' && (prefs.kinds[n.kind]?.email ?? false);

function toItem(
  app: AppContext,
  n: NotificationDoc,
  names: Map<string, string>,
  language: Language,
  timeZone: string,
): DigestItem {
  // A meeting's row keeps its start as an ISO time: shown in the reader's zone and language.
  const when = n.kind.startsWith('meeting-') && !Number.isNaN(Date.parse(n.where));
  return {
    kind: n.kind,
    actorName: n.actorId ? (names.get(String(n.actorId)) ?? null) : null,
    where: when
      ? new Intl.DateTimeFormat(INTL_LOCALE[language], {
          dateStyle: 'full',
          timeStyle: 'short',
          timeZone,
        }).format(new Date(n.where))
      : n.where,
    text: n.text,
    url: `${app.config.publicUrl}${n.link}`,
  };
}

export const startMailDelivery = (app: AppContext) =>
  startPeriodicJob(
    {
      name: 'notification-mail',
      // A minute, or the batch's time if shorter (a development server's quick batches).
      everyMs: Math.min(MINUTE, app.config.emailBatchMs),
      run: () => runMailDelivery(app).then(() => undefined),
    },
    app.log,
  );
