import type { Language } from '@yhteistyotila/protocol';
import type { AppContext } from '../../context.js';
import { mailerFor, type MailAttachment } from './mailer.js';
import { renderMail, type MailTemplate } from './templates.js';

export {
  closeMailer,
  mailerFor,
  type MailAttachment,
  type Mailer,
  type OutgoingMail,
} from './mailer.js';
export { mailText, SERVICE_NAME, type MailTemplate } from './templates.js';

/** Renders a template in the recipient's language and sends it. */
export async function sendTemplate(
  app: Pick<AppContext, 'config' | 'log'>,
  to: string,
  language: Language,
  template: MailTemplate,
  attachments?: MailAttachment[],
): Promise<void> {
  const { subject, text } = renderMail(template, language);
  await mailerFor(app).send({
    to,
    subject,
    text,
    kind: template.kind,
    ...(attachments ? { attachments } : {}),
    ...('link' in template ? { link: template.link } : {}),
  });
}
