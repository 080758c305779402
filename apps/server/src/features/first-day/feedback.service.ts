import type { AccessibilityFeedbackBody, Language } from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import { UserModel } from '../../auth/user.model.js';
import type { AppContext } from '../../context.js';
import { oid } from '../../db/object-id.js';
import { sendTemplate } from '../mail/index.js';
import { AccessibilityFeedbackModel } from './feedback.model.js';

/**
 * Stores the feedback, then mails every active admin in their own language (a failed mail is
 * logged: the feedback is kept and the others still get theirs).
 */
export async function submitAccessibilityFeedback(
  app: AppContext,
  body: AccessibilityFeedbackBody & { language: Language },
  user: AuthUser | null,
): Promise<void> {
  let email = body.email ?? '';
  if (!email && user) email = (await UserModel.findById(user.id, { email: 1 }).lean())?.email ?? '';
  const doc = await AccessibilityFeedbackModel.create({
    message: body.message,
    email,
    page: body.page ?? '',
    language: body.language,
    userId: user ? oid(user.id) : null,
  });
  const admins = await UserModel.find(
    { role: 'admin', status: 'active' },
    { email: 1, language: 1 },
  ).lean();
  for (const admin of admins) {
    await sendTemplate(app, admin.email, admin.language, {
      kind: 'accessibility-feedback',
      message: body.message,
      replyTo: email,
      page: body.page ?? '',
    }).catch((err: unknown) =>
      app.log.error(
        { err, userId: admin._id.toHexString(), feedbackId: String(doc._id) },
        'accessibility feedback mail failed',
      ),
    );
  }
}
