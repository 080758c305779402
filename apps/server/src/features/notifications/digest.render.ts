import type { Language, NotificationKind } from '@yhteistyotila/protocol';
import { escapeHtml } from '../../lib/escape-html.js';
import { mailText, SERVICE_NAME } from '../mail/index.js';

/** One line of the digest: a notification as its mail shows it. */
export interface DigestItem {
  kind: NotificationKind;
  actorName: string | null;
  /** Where it happened, already readable (a channel's name, a meeting's local time). */
  where: string;
  /** The message's start, the question's or entry's title (may be empty). */
  text: string;
  /** Absolute URL that opens the item. */
  url: string;
}

export interface Digest {
  name: string;
  language: Language;
  /** What the person has to act on (an answer, a meeting, a credit request...): first. */
  act: DigestItem[];
  /** The rest they missed, newest first. */
  missed: DigestItem[];
  /** For experts: open, unclaimed questions in their topics. */
  openQuestions: { title: string; url: string }[];
  appUrl: string;
  settingsUrl: string;
  unsubscribeUrl: string;
}

/** A section shows this many; the rest is counted ("…and 4 more"). */
export const DIGEST_SECTION_MAX = 20;

interface Section {
  heading: string;
  lines: { title: string; quote: string; url: string }[];
  more: number;
}

function sections(d: Digest): Section[] {
  const t = mailText(d.language);
  const item = (i: DigestItem) => ({
    title: t(`digest.kinds.${i.kind}`, {
      actor: i.actorName ?? t('digest.someone'),
      where: i.where,
    }),
    quote: i.text,
    url: i.url,
  });
  const section = (heading: string, lines: Section['lines']): Section => ({
    heading,
    lines: lines.slice(0, DIGEST_SECTION_MAX),
    more: Math.max(0, lines.length - DIGEST_SECTION_MAX),
  });
  return [
    section(t('digest.act'), d.act.map(item)),
    section(
      t('digest.questions'),
      d.openQuestions.map((q) => ({ title: q.title, quote: '', url: q.url })),
    ),
    section(t('digest.missed'), d.missed.map(item)),
  ].filter((s) => s.lines.length > 0);
}

/** The digest as plain text and HTML, in the person's language. */
export function renderDigest(d: Digest): { subject: string; text: string; html: string } {
  const t = mailText(d.language);
  const count = d.act.length + d.missed.length + d.openQuestions.length;
  const parts = sections(d);
  const subject = t('digest.subject', { count, service: SERVICE_NAME });
  const greeting = t('digest.greeting', { name: d.name });
  const more = (s: Section) => (s.more ? t('digest.more', { count: s.more }) : '');
  const footer = [
    t('digest.open', { service: SERVICE_NAME, link: d.appUrl }),
    t('digest.settings', { link: d.settingsUrl }),
    t('digest.unsubscribe', { link: d.unsubscribeUrl }),
  ];

  const text = [
    greeting,
    ...parts.map((s) =>
      [
        `${s.heading}\n${'-'.repeat(s.heading.length)}`,
        ...s.lines.map((l) => `- ${l.title}${l.quote ? `\n  “${l.quote}”` : ''}\n  ${l.url}`),
        more(s),
      ]
        .filter(Boolean)
        .join('\n'),
    ),
    ...footer,
  ].join('\n\n');

  const link = (url: string, label: string) =>
    `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
  // A footer line with its link in place: the translation is split where the link goes.
  const withLink = (key: string, url: string) => {
    const [before = '', after = ''] = t(key, { service: SERVICE_NAME, link: '\u0000' }).split(
      '\u0000',
    );
    return `${escapeHtml(before)}${link(url, url)}${escapeHtml(after)}`;
  };
  const html = [
    '<!doctype html>',
    `<html lang="${d.language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.5;max-width:40em">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...parts.map(
      (s) =>
        `<h2 style="font-size:1.1em">${escapeHtml(s.heading)}</h2><ul>${s.lines
          .map(
            (l) =>
              `<li>${link(l.url, l.title)}${l.quote ? `<br><q>${escapeHtml(l.quote)}</q>` : ''}</li>`,
          )
          .join('')}</ul>${s.more ? `<p>${escapeHtml(more(s))}</p>` : ''}`,
    ),
    '<hr>',
    `<p>${withLink('digest.open', d.appUrl)}</p>`,
    `<p style="font-size:.9em">${withLink('digest.settings', d.settingsUrl)}<br>${withLink('digest.unsubscribe', d.unsubscribeUrl)}</p>`,
    '</body></html>',
  ].join('\n');

  return { subject, text, html };
}
