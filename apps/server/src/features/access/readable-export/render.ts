import { findMunicipality, type Language, type PersonalDataExport } from '@yhteistyotila/protocol';
import {
  FIELD_LABELS,
  HIDDEN_FIELDS,
  LOCALES,
  PAGE,
  VALUE_LABELS,
  type Localized,
} from './words.js';
import { escapeHtml } from '../../../lib/escape-html.js';

/** What a section holds and why it is kept, in every language (from the registry). */
export interface SectionAbout {
  title: Localized;
  holds: Localized;
  why: Localized;
}

export interface ReadableExportInput {
  data: PersonalDataExport;
  lang: Language;
  about: ReadonlyMap<string, SectionAbout>;
  /** Ids the person would recognise by name (people, channels), already in `lang`. */
  names: ReadonlyMap<string, string>;
  controller: { name: string; contact: string };
}

const ID = /^[0-9a-f]{24}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * The readable copy of "download my data": one self-contained HTML page (no scripts, no
 * external resources) in the person's language, with names instead of codes and ids, and each
 * section saying what it holds and why it is kept. The right of access asks for an intelligible
 * answer; the JSON beside it stays the machine-readable one.
 */
export function renderReadableExport(input: ReadableExportInput): string {
  const { data, lang } = input;
  const page = PAGE[lang];
  const date = (iso: string) =>
    new Intl.DateTimeFormat(LOCALES[lang], {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'Europe/Helsinki',
    }).format(new Date(iso));

  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '–';
    if (typeof v === 'boolean') return v ? page.yes : page.no;
    if (typeof v === 'number') return new Intl.NumberFormat(LOCALES[lang]).format(v);
    if (Array.isArray(v)) {
      if (v.length === 0) return '–';
      return `<ul>${v.map((item) => `<li>${value(field, item)}</li>`).join('')}</ul>`;
    }
    if (typeof v === 'object') return fields(v as Record<string, unknown>);
    const s = String(v);
    if (field === 'municipalityCode') {
      const m = findMunicipality(s);
      if (m) return escapeHtml(lang === 'sv' ? m.name_sv : m.name_fi);
    }
    // A role is a role whatever the field is called.
    const codedAs = field === 'approvedRole' ? 'role' : field;
    const coded = VALUE_LABELS[lang][codedAs]?.[s];
    if (coded) return escapeHtml(coded);
    if (ID.test(s)) {
      if (s === data.userId) return escapeHtml(page.you);
      const name = input.names.get(s);
      return name ? escapeHtml(name) : `<code>${s}</code>`;
    }
    if (ISO_DATE.test(s)) return `<time datetime="${s}">${escapeHtml(date(s))}</time>`;
    return `<span class="text">${escapeHtml(s)}</span>`;
  };

  const fields = (doc: Record<string, unknown>): string => {
    const rows = Object.entries(doc)
      .filter(([k]) => !HIDDEN_FIELDS.has(k))
      .map(([k, v]) => {
        const label = FIELD_LABELS[lang][k];
        return `<dt>${label ? escapeHtml(label) : `<code>${escapeHtml(k)}</code>`}</dt><dd>${value(k, v)}</dd>`;
      });
    return rows.length ? `<dl>${rows.join('')}</dl>` : '–';
  };

  const sections = Object.entries(data.sections).map(([collection, docs]) => {
    const about = input.about.get(collection);
    const title = about?.title[lang] ?? collection;
    const body = docs.length
      ? docs
          .map((d, i) =>
            docs.length > 1
              ? `<article><h3>${escapeHtml(page.item(i + 1))}</h3>${fields(d)}</article>`
              : `<article>${fields(d)}</article>`,
          )
          .join('')
      : `<p>${escapeHtml(page.empty)}</p>`;
    return `<section><h2>${escapeHtml(title)}</h2>${
      about
        ? `<p><strong>${escapeHtml(page.holds)}:</strong> ${escapeHtml(about.holds[lang])}</p>` +
          `<p><strong>${escapeHtml(page.why)}:</strong> ${escapeHtml(about.why[lang])}</p>`
        : ''
    }${body}</section>`;
  });

  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem;color:#1a1a1a}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #ccc}
h3{font-size:1rem}article{margin:1rem 0;padding:.5rem 1rem;background:#f5f5f5;border-radius:6px}
dl{display:grid;grid-template-columns:minmax(8rem,14rem) 1fr;gap:.25rem 1rem;margin:0}
dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}dd dl{grid-template-columns:auto 1fr}
.text{white-space:pre-wrap}code{font-size:.85em}ul{margin:0;padding-left:1.2rem}
@media (max-width:30rem){dl{grid-template-columns:1fr}dd{margin-bottom:.5rem}}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(page.title)}</h1>
<p>${escapeHtml(page.intro(date(data.exportedAt), input.controller.name))}</p>
<p>${escapeHtml(page.jsonNote)}</p>
<p>${escapeHtml(page.contact(input.controller.contact))}</p>
${sections.join('\n')}
</main>
</body>
</html>
`;
}
