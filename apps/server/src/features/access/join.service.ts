import {
  CLAIM_MINUTES,
  grantActionFor,
  JOIN_REJECTED_WAIT,
  SET_PASSWORD_LINK_HOURS,
  VERIFY_LINK_HOURS,
  rooms,
  type JoinRequest,
  type JoinRequestStatus,
  type JoinRequestVerified,
  type RejectReason,
  type ApproveRole,
  type Language,
  joinRequestBodySchema,
} from '@yhteistyotila/protocol';
import type { QueryFilter } from 'mongoose';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { claimOnce, releaseClaim } from '../../lib/once.js';
import { AppError, isDuplicateKey, notFound } from '../../errors.js';
import { DAY, HOUR, MINUTE } from '../../lib/time.js';
import type { Facts } from '../../realtime/facts.js';
import { recordAudit } from '../audit/index.js';
import { sendTemplate, type MailTemplate } from '../mail/index.js';
import { requireAction } from './access.policy.js';
import type { AuthUser } from '../../auth/auth.js';
import { attachRequestConsents, recordConsent } from './consent.service.js';
import { runApprovalChecks, runUserApprovedHooks } from './hooks.js';
import { JoinRequestModel, type JoinRequestDoc } from './join-request.model.js';
import { presentJoinRequest, presentJoinRequests, presentStatus } from './join.presenter.js';
import { oid } from '../../db/object-id.js';
import { consumeToken, issueToken, peekToken } from './tokens.js';
import { UserModel } from '../../auth/user.model.js';
import { rememberRejected, rejectedUntil } from './rejected-address.js';

type JoinBody = z.output<typeof joinRequestBodySchema>;

/** How long an applicant's status link keeps working. */
const STATUS_TOKEN_MS = 60 * DAY;

/**
 * A new request, a re-submission (same open e-mail: details updated, link resent, never a
 * duplicate) and a honeypot hit all look the same from outside. Nothing reveals whether an
 * account or request exists for the address.
 */
export async function submitJoinRequest(
  app: AppContext,
  body: JoinBody,
  now = new Date(),
): Promise<void> {
  if (body.website.trim() !== '') {
    app.metrics.honeypotHits.inc();
    return;
  }
  await app.privacy.assertCurrent(body.privacyVersion, 'privacyVersion');
  if (await UserModel.exists({ email: body.email })) return;
  const waitUntil = await rejectedUntil(body.email, now);
  if (waitUntil) {
    throw new AppError('CONFLICT', 'rejected recently', {
      issues: [{ path: 'email', code: JOIN_REJECTED_WAIT }],
      retryAfter: Math.ceil((waitUntil.getTime() - now.getTime()) / 1000),
    });
  }
  const fields = {
    name: body.name,
    municipalityCode: body.municipalityCode,
    association: body.association,
    parentRole: body.parentRole,
    motivation: body.motivation,
    language: body.language,
  };
  const open = await JoinRequestModel.findOne({
    email: body.email,
    status: { $in: ['unverified', 'pending'] },
  }).lean<JoinRequestDoc>();
  if (open?.status === 'pending') return; // already waiting for a moderator: nothing to resend
  let requestId: string;
  if (open) {
    await JoinRequestModel.updateOne({ _id: open._id }, { $set: fields });
    requestId = open._id.toHexString();
  } else {
    const created = await JoinRequestModel.create({
      ...fields,
      email: body.email,
      status: 'unverified',
      createdAt: now,
    });
    requestId = created._id.toHexString();
  }
  await recordConsent(app, { requestId }, body.language, 'join-request', body.privacyVersion, now);
  const token = await issueToken('verify-email', { requestId }, VERIFY_LINK_HOURS * HOUR, now);
  try {
    await sendTemplate(app, body.email, body.language, {
      kind: 'verify-join',
      name: body.name,
      link: `${app.config.publicUrl}/liity/vahvista#token=${token}`,
      hours: VERIFY_LINK_HOURS,
    });
  } catch (err) {
    app.log.error({ err, requestId }, 'verification mail failed');
    throw new AppError('UNAVAILABLE', 'mail could not be sent');
  }
}

/** The mailed link: the request enters the moderators' queue (live) and the applicant gets a status link. */
export async function verifyJoinRequest(
  facts: Facts,
  token: string,
  now = new Date(),
): Promise<JoinRequestVerified> {
  const used = await consumeToken(token, ['verify-email'], now);
  if (!used.requestId) throw new AppError('TOKEN_INVALID', 'token without request');
  const verified = await JoinRequestModel.findOneAndUpdate(
    { _id: used.requestId, status: 'unverified' },
    { $set: { status: 'pending', verifiedAt: now } },
    { returnDocument: 'after' },
  ).lean<JoinRequestDoc>();
  const request =
    verified ?? (await JoinRequestModel.findById(used.requestId).lean<JoinRequestDoc>());
  if (!request) throw new AppError('TOKEN_INVALID', 'request no longer exists');
  if (verified)
    facts.add(rooms.moderators(), 'joinRequest:created', await presentJoinRequest(verified));
  const statusToken = await issueToken(
    'join-status',
    { requestId: request._id.toHexString() },
    STATUS_TOKEN_MS,
    now,
  );
  return { ...presentStatus(request), statusToken };
}

export async function joinRequestStatus(token: string): Promise<JoinRequestStatus> {
  const t = await peekToken(token, ['join-status']);
  const request = t.requestId
    ? await JoinRequestModel.findById(t.requestId).lean<JoinRequestDoc>()
    : null;
  if (!request) throw new AppError('TOKEN_INVALID', 'request no longer exists');
  return presentStatus(request);
}

export async function listJoinRequests(
  user: AuthUser,
  opts: { status: 'pending' | 'approved' | 'rejected'; limit: number },
): Promise<JoinRequest[]> {
  // The queue is for deciding; decided requests are the history of the people page's row.
  await requireAction(user, opts.status === 'pending' ? 'joinRequest.decide' : 'people.read');
  const sort: Record<string, 1 | -1> =
    opts.status === 'pending' ? { verifiedAt: 1 } : { decidedAt: -1 };
  const docs = await JoinRequestModel.find({ status: opts.status })
    .sort(sort)
    .limit(opts.limit)
    .lean<JoinRequestDoc[]>();
  return presentJoinRequests(docs);
}

/** Free, lapsed, or already mine: the condition under which I may act on a pending request. */
const claimable = (id: string, userId: string, now: Date): QueryFilter<JoinRequestDoc> => ({
  _id: oid(id),
  status: 'pending',
  $or: [{ claimedBy: null }, { claimExpiresAt: { $lte: now } }, { claimedBy: oid(userId) }],
});

/** Explains why a conditional update matched nothing. */
async function whyNot(id: string): Promise<never> {
  const doc = await JoinRequestModel.findById(id, { status: 1 }).lean();
  if (!doc || doc.status === 'unverified') throw notFound();
  throw new AppError(
    'CONFLICT',
    doc.status === 'pending' ? 'claimed by another moderator' : `already ${doc.status}`,
  );
}

async function announceUpdated(facts: Facts, doc: JoinRequestDoc): Promise<JoinRequest> {
  const view = await presentJoinRequest(doc);
  facts.add(rooms.moderators(), 'joinRequest:updated', view);
  return view;
}

export async function claimJoinRequest(
  facts: Facts,
  user: AuthUser,
  id: string,
  now = new Date(),
): Promise<JoinRequest> {
  await requireAction(user, 'joinRequest.decide');
  const doc = await JoinRequestModel.findOneAndUpdate(
    claimable(id, user.id, now),
    {
      $set: {
        claimedBy: oid(user.id),
        claimExpiresAt: new Date(now.getTime() + CLAIM_MINUTES * MINUTE),
      },
    },
    { returnDocument: 'after' },
  ).lean<JoinRequestDoc>();
  if (!doc) return whyNot(id);
  return announceUpdated(facts, doc);
}

export async function releaseJoinRequest(
  facts: Facts,
  user: AuthUser,
  id: string,
): Promise<JoinRequest> {
  await requireAction(user, 'joinRequest.decide');
  const doc = await JoinRequestModel.findOneAndUpdate(
    { _id: oid(id), status: 'pending', claimedBy: oid(user.id) },
    { $set: { claimedBy: null, claimExpiresAt: null } },
    { returnDocument: 'after' },
  ).lean<JoinRequestDoc>();
  if (!doc) return whyNot(id);
  return announceUpdated(facts, doc);
}

/**
 * Exactly one decision per request, even when two moderators press at the same moment:
 * decided by a unique-index insert, because FerretDB's conditional updates are not atomic
 * under concurrency. Kept past the rejected-request retention, then purged.
 */
const DECISION_CLAIM_MS = 90 * 24 * HOUR;
async function claimDecision(id: string, now: Date): Promise<string> {
  const key = `joinRequest:decision:${id}`;
  if (!(await claimOnce(key, { expiresAt: new Date(now.getTime() + DECISION_CLAIM_MS), now }))) {
    await whyNot(id);
  }
  return key;
}

/**
 * Claims the one decision on a request this person may act on now and writes it (`status` and
 * its own fields; the claim on the queue card ends with it). A request that cannot be decided
 * answers why, its decision claim released.
 */
async function writeDecision(
  user: AuthUser,
  id: string,
  now: Date,
  status: 'approved' | 'rejected',
  fields: Partial<JoinRequestDoc>,
): Promise<{ doc: JoinRequestDoc; decisionKey: string }> {
  const decisionKey = await claimDecision(id, now);
  const doc = await JoinRequestModel.findOneAndUpdate(
    claimable(id, user.id, now),
    {
      $set: {
        status,
        decidedBy: oid(user.id),
        decidedAt: now,
        ...fields,
        claimedBy: null,
        claimExpiresAt: null,
      },
    },
    { returnDocument: 'after' },
  ).lean<JoinRequestDoc>();
  if (!doc) {
    await releaseClaim(decisionKey);
    return whyNot(id);
  }
  return { doc, decisionKey };
}

/** What the set-password mail of an approval needs, and the mail made of it. */
export type WelcomeMail = (to: {
  name: string;
  language: Language;
  link: string;
  hours: number;
}) => MailTemplate | Promise<MailTemplate>;

const approvedMail: WelcomeMail = ({ name, link, hours }) => ({
  kind: 'join-approved',
  name,
  link,
  hours,
});

export async function approveJoinRequest(
  app: AppContext,
  facts: Facts,
  user: AuthUser,
  input: {
    id: string;
    role: ApproveRole;
    guestUntil?: string | undefined;
    channelIds: string[];
  },
  now = new Date(),
  /** The set-password mail's words: a plain approval unless the caller has its own (an invitation). */
  welcome: WelcomeMail = approvedMail,
): Promise<JoinRequest> {
  await requireAction(user, 'joinRequest.decide');
  if (input.role !== 'member') await requireAction(user, grantActionFor(input.role));
  const guestUntil = input.role === 'guest' && input.guestUntil ? new Date(input.guestUntil) : null;
  if (guestUntil && guestUntil <= now)
    throw new AppError('VALIDATION_ERROR', 'guestUntil in the past', {
      issues: [{ path: 'guestUntil', code: 'too_small' }],
    });

  // Before the decision is claimed: a refused choice leaves the request pending, nothing written.
  await runApprovalChecks({ decider: user, role: input.role, channelIds: input.channelIds }, app);

  const { doc, decisionKey } = await writeDecision(user, input.id, now, 'approved', {
    approvedRole: input.role,
    guestUntil,
    channelIds: input.channelIds,
  });

  const requestId = doc._id.toHexString();
  let userId: string;
  try {
    const created = await UserModel.create({
      name: doc.name,
      email: doc.email,
      // Approved "as an expert": a member holding the capability; a guest expert holds it too.
      role: input.role === 'guest' ? 'guest' : 'member',
      expert: input.role !== 'member',
      guestUntil,
      municipalityCode: doc.municipalityCode,
      association: doc.association ?? '',
      parentRole: doc.parentRole ?? '',
      language: doc.language,
      consentVersion: null,
      passwordHash: null,
    });
    userId = created._id.toHexString();
  } catch (err) {
    // An account with this e-mail appeared meanwhile: undo the decision, tell the moderator.
    await JoinRequestModel.updateOne(
      { _id: doc._id },
      { $set: { status: 'pending', decidedBy: null, decidedAt: null, approvedRole: null } },
    );
    await releaseClaim(decisionKey);
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', 'an account with this e-mail exists');
    throw err;
  }
  const consentVersion = await attachRequestConsents(requestId, userId);
  await UserModel.updateOne({ _id: oid(userId) }, { $set: { consentVersion } });
  const updated = await JoinRequestModel.findOneAndUpdate(
    { _id: doc._id },
    { $set: { userId: oid(userId) } },
    { returnDocument: 'after' },
  ).lean<JoinRequestDoc>();
  await recordAudit({
    actorId: user.id,
    action: 'joinRequest.approve',
    targetType: 'user',
    targetId: userId,
    details: { requestId, role: input.role, channels: input.channelIds.length },
  });

  const token = await issueToken('set-password', { userId }, SET_PASSWORD_LINK_HOURS * HOUR, now);
  await sendTemplate(
    app,
    doc.email,
    doc.language,
    await welcome({
      name: doc.name,
      language: doc.language as Language,
      link: `${app.config.publicUrl}/salasana/uusi#token=${token}`,
      hours: SET_PASSWORD_LINK_HOURS,
    }),
  ).catch((err: unknown) => app.log.error({ err, userId }, 'approval mail failed'));

  await runUserApprovedHooks(
    { userId, decider: user, role: input.role, channelIds: input.channelIds },
    app,
  );
  return announceUpdated(facts, updated ?? doc);
}

export async function rejectJoinRequest(
  app: AppContext,
  facts: Facts,
  user: AuthUser,
  input: { id: string; reason: RejectReason; reasonText: string; messageToApplicant: string },
  now = new Date(),
): Promise<JoinRequest> {
  await requireAction(user, 'joinRequest.decide');
  const { doc } = await writeDecision(user, input.id, now, 'rejected', {
    rejectReason: input.reason,
    rejectText: input.reasonText,
  });
  await rememberRejected(doc.email, app.config.retention.rejectedWaitDays, now);
  // The reason text goes when the request is purged (runRetention): it may name the applicant.
  await recordAudit({
    actorId: user.id,
    action: 'joinRequest.reject',
    targetType: 'joinRequest',
    targetId: doc._id.toHexString(),
    reason: input.reasonText,
    details: { reason: input.reason, messaged: input.messageToApplicant.length > 0 },
  });
  await sendTemplate(app, doc.email, doc.language, {
    kind: 'join-rejected',
    name: doc.name,
    reason: input.reason,
    message: input.messageToApplicant,
    days: app.config.retention.rejectedDays,
  }).catch((err: unknown) => app.log.error({ err, requestId: input.id }, 'rejection mail failed'));
  return announceUpdated(facts, doc);
}
