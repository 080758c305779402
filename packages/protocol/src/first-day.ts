import { z } from 'zod';
import { idSchema, languageSchema } from './common.js';
import { defineRoute } from './define.js';

/*
 * A person's first day and the accessibility statement: the welcome shown once after the first
 * sign-in, and the statement's feedback form, which reaches the admins.
 */

export const welcomeSchema = z.object({
  /** False once the person dismissed it (stored on their account: never shown again). */
  show: z.boolean(),
  /** Their regional unit (by their municipality) and its channel, if there is one. */
  regionId: z.string().nullable(),
  regionChannelId: idSchema.nullable(),
  /** Where to ask the experts. */
  expertsChannelId: idSchema.nullable(),
});
export type Welcome = z.infer<typeof welcomeSchema>;

export const FEEDBACK_MESSAGE_MAX = 3000;

export const accessibilityFeedbackBodySchema = z.object({
  message: z.string().trim().min(1).max(FEEDBACK_MESSAGE_MAX),
  /** Optional: for an answer. Signed-in people are answered at their account's address. */
  email: z
    .union([z.literal(''), z.string().trim().toLowerCase().max(254).pipe(z.email())])
    .default(''),
  /** The page the problem was on (path), if the person names one. */
  page: z.string().trim().max(300).default(''),
  language: languageSchema,
});
export type AccessibilityFeedbackBody = z.input<typeof accessibilityFeedbackBodySchema>;

export const firstDayRoutes = {
  welcome: defineRoute({ method: 'GET', path: '/me/welcome', result: welcomeSchema }),
  /** 204; from then on `show` is false on every device. */
  dismissWelcome: defineRoute({ method: 'POST', path: '/me/welcome/dismiss' }),
  /** Anyone, signed in or not (the law asks for a way to give feedback); rate limited. 202. */
  accessibilityFeedback: defineRoute({
    method: 'POST',
    path: '/accessibility/feedback',
    body: accessibilityFeedbackBodySchema,
    result: z.object({ ok: z.literal(true) }),
    status: 202,
  }),
};
