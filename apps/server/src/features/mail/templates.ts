import type { Language, RejectReason } from '@yhteistyotila/protocol';

/**
 * Every mail in fi, sv and en, chosen by the recipient's language. Plain text on purpose:
 * it reads well on any phone and leaves nothing to sanitise.
 */
export type MailTemplate =
  | { kind: 'verify-join'; name: string; link: string; hours: number }
  | { kind: 'join-approved'; name: string; link: string; hours: number }
  | { kind: 'join-rejected'; name: string; reason: RejectReason; message: string; days: number }
  | { kind: 'password-reset'; name: string; link: string; hours: number }
  | { kind: 'moderator-reminder'; count: number; hours: number; link: string };

interface Rendered {
  subject: string;
  text: string;
}

const SERVICE = {
  fi: 'Yhteistyötila',
  sv: 'Samarbetsrummet',
  en: 'Yhteistyötila workspace',
} as const;

const REASONS: Record<Language, Record<RejectReason, string>> = {
  fi: {
    'not-parent-actor': 'Tila on tarkoitettu kuntatason vanhempaintoiminnassa mukana oleville.',
    duplicate: 'Sinulla on jo tunnus tai toinen pyyntö käsittelyssä.',
    incomplete: 'Pyynnön tiedot jäivät liian vajaiksi, jotta voisimme hyväksyä sen.',
    'suspected-spam': 'Pyyntö ei vaikuttanut aidolta.',
    other: 'Moderaattori ei voinut hyväksyä pyyntöä.',
  },
  sv: {
    'not-parent-actor':
      'Rummet är avsett för dem som är aktiva i föräldraverksamhet på kommunnivå.',
    duplicate: 'Du har redan ett konto eller en annan begäran under behandling.',
    incomplete: 'Begäran saknade för många uppgifter för att kunna godkännas.',
    'suspected-spam': 'Begäran verkade inte äkta.',
    other: 'Moderatorn kunde inte godkänna begäran.',
  },
  en: {
    'not-parent-actor': 'The workspace is meant for people active in municipal-level parent work.',
    duplicate: 'You already have an account or another request being handled.',
    incomplete: 'The request was missing too much information to be approved.',
    'suspected-spam': 'The request did not look genuine.',
    other: 'The moderator could not approve the request.',
  },
};

export function renderMail(t: MailTemplate, lang: Language): Rendered {
  const s = SERVICE[lang];
  switch (t.kind) {
    case 'verify-join':
      return {
        fi: {
          subject: `Vahvista liittymispyyntösi – ${s}`,
          text: `Hei ${t.name},\n\nvahvista sähköpostiosoitteesi avaamalla linkki (voimassa ${t.hours} tuntia):\n\n${t.link}\n\nVahvistuksen jälkeen moderaattori käsittelee pyyntösi. Jos et lähettänyt pyyntöä, voit jättää tämän viestin huomiotta; vahvistamaton pyyntö poistetaan automaattisesti.\n`,
        },
        sv: {
          subject: `Bekräfta din begäran om att gå med – ${s}`,
          text: `Hej ${t.name},\n\nbekräfta din e-postadress genom att öppna länken (giltig i ${t.hours} timmar):\n\n${t.link}\n\nEfter bekräftelsen behandlar en moderator din begäran. Om du inte skickade begäran kan du lämna meddelandet utan åtgärd; en obekräftad begäran raderas automatiskt.\n`,
        },
        en: {
          subject: `Confirm your request to join – ${s}`,
          text: `Hello ${t.name},\n\nplease confirm your e-mail address by opening this link (valid for ${t.hours} hours):\n\n${t.link}\n\nAfter that a moderator will review your request. If you did not send it, you can ignore this message; unconfirmed requests are deleted automatically.\n`,
        },
      }[lang];
    case 'join-approved':
      return {
        fi: {
          subject: `Tervetuloa – ${s}`,
          text: `Hei ${t.name},\n\nliittymispyyntösi on hyväksytty. Aseta salasanasi tästä linkistä (voimassa ${t.hours} tuntia, käytettävissä kerran):\n\n${t.link}\n`,
        },
        sv: {
          subject: `Välkommen – ${s}`,
          text: `Hej ${t.name},\n\ndin begäran har godkänts. Välj ditt lösenord via länken (giltig i ${t.hours} timmar, kan användas en gång):\n\n${t.link}\n`,
        },
        en: {
          subject: `Welcome – ${s}`,
          text: `Hello ${t.name},\n\nyour request to join has been approved. Set your password with this link (valid for ${t.hours} hours, single use):\n\n${t.link}\n`,
        },
      }[lang];
    case 'join-rejected': {
      const reason = REASONS[lang][t.reason];
      const extra = t.message ? `\n\n${t.message}` : '';
      return {
        fi: {
          subject: `Liittymispyyntösi – ${s}`,
          text: `Hei ${t.name},\n\nvalitettavasti liittymispyyntöäsi ei hyväksytty. ${reason}${extra}\n\nPyyntösi tiedot poistetaan ${t.days} päivän kuluessa.\n`,
        },
        sv: {
          subject: `Din begäran – ${s}`,
          text: `Hej ${t.name},\n\ntyvärr godkändes inte din begäran. ${reason}${extra}\n\nUppgifterna i din begäran raderas inom ${t.days} dagar.\n`,
        },
        en: {
          subject: `Your request to join – ${s}`,
          text: `Hello ${t.name},\n\nunfortunately your request to join was not approved. ${reason}${extra}\n\nThe details of your request will be deleted within ${t.days} days.\n`,
        },
      }[lang];
    }
    case 'password-reset':
      return {
        fi: {
          subject: `Salasanan vaihto – ${s}`,
          text: `Hei ${t.name},\n\nvoit asettaa uuden salasanan tästä linkistä (voimassa ${t.hours} tuntia, käytettävissä kerran):\n\n${t.link}\n\nJos et pyytänyt vaihtoa, voit jättää viestin huomiotta.\n`,
        },
        sv: {
          subject: `Byte av lösenord – ${s}`,
          text: `Hej ${t.name},\n\ndu kan välja ett nytt lösenord via länken (giltig i ${t.hours} timmar, kan användas en gång):\n\n${t.link}\n\nOm du inte bad om bytet kan du lämna meddelandet utan åtgärd.\n`,
        },
        en: {
          subject: `Reset your password – ${s}`,
          text: `Hello ${t.name},\n\nyou can set a new password with this link (valid for ${t.hours} hours, single use):\n\n${t.link}\n\nIf you did not ask for this, you can ignore this message.\n`,
        },
      }[lang];
    case 'moderator-reminder':
      return {
        fi: {
          subject: `${t.count} liittymispyyntöä odottaa – ${s}`,
          text: `Hei,\n\n${t.count} liittymispyyntöä on odottanut käsittelyä yli ${t.hours} tuntia:\n\n${t.link}\n`,
        },
        sv: {
          subject: `${t.count} begäran väntar – ${s}`,
          text: `Hej,\n\n${t.count} begäran har väntat på behandling i över ${t.hours} timmar:\n\n${t.link}\n`,
        },
        en: {
          subject: `${t.count} join requests waiting – ${s}`,
          text: `Hello,\n\n${t.count} join requests have been waiting for more than ${t.hours} hours:\n\n${t.link}\n`,
        },
      }[lang];
  }
}
