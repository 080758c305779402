import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import ReactMarkdown from 'react-markdown';
import { remarkGfmRead } from '../../../lib/remark-gfm-read.js';
import { Markdown, isPlainLine, safeUrl } from './Markdown.js';

const html = (text: string, myName?: string) =>
  render(<Markdown text={text} myName={myName} />).container.innerHTML;

describe('message Markdown', () => {
  it('renders the subset: bold, italic, lists, quotes and code', () => {
    const out = html(
      '**lihava** *kursiivi*\n\n- yksi\n- kaksi\n\n> lainaus\n\n`koodi`\n\n```\nlohko\n```',
    );
    expect(out).toContain('<strong>lihava</strong>');
    expect(out).toContain('<em>kursiivi</em>');
    expect(out).toContain('<li>yksi</li>');
    expect(out).toContain('<blockquote>');
    expect(out).toContain('<code>koodi</code>');
    expect(out).toContain('<pre><code>lohko');
  });

  it('never renders raw HTML or script', () => {
    const out = html('hei <script>alert(1)</script> <img src=x onerror=alert(1)> <b>x</b>');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('onerror');
    expect(out).not.toContain('<b>');
  });

  it('drops javascript:, data: and relative link targets but keeps the text', () => {
    for (const evil of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      '/relative',
    ]) {
      const out = html(`[klikkaa](${evil})`);
      expect(out, evil).not.toMatch(/href/);
      expect(out).toContain('klikkaa');
    }
    expect(html('<javascript:alert(1)>')).not.toMatch(/href="javascript/i);
  });

  it('keeps http, https and mailto links with safe rel', () => {
    const out = html('[a](https://example.org) [b](mailto:x@example.org) http://example.com');
    expect(out).toContain('href="https://example.org"');
    expect(out).toContain('href="mailto:x@example.org"');
    expect(out).toContain('href="http://example.com"');
    expect(out).toContain('rel="noopener noreferrer nofollow ugc"');
  });

  it('highlights mentions, marking the reader', () => {
    const out = html('Hei @**Maija Meikäläinen** ja @Pekka, katso', 'Maija Meikäläinen');
    expect(out).toContain('<span class="mention mention-me">@Maija Meikäläinen</span>');
    expect(out).toContain('<span class="mention">@Pekka</span>');
    expect(html('posti@example.org')).not.toContain('mention');
  });

  it('accepts only absolute safe URLs in safeUrl', () => {
    expect(safeUrl('https://x.fi/a?b')).toBe('https://x.fi/a?b');
    expect(safeUrl('javascript:alert(1)')).toBe('');
    expect(safeUrl('java\tscript:alert(1)')).toBe('');
  });

  it('draws a document’s headings one level below the page title, a message’s as text', () => {
    const doc = render(<Markdown text={'# Vaihe 1\n\n## Kutsu\n\n#### Syvä'} document />).container;
    expect([...doc.querySelectorAll('h2,h3,h4')].map((h) => h.tagName)).toEqual(['H2', 'H3', 'H4']);
    expect(doc.querySelector('h1')).toBeNull();
    expect(html('# Ei otsikko')).not.toMatch(/<h\d/);
    expect(html('# Ei otsikko')).toContain('Ei otsikko');
  });

  it('never skips a heading level in a document, however its `#`s are counted', () => {
    const levels = (text: string) =>
      [...render(<Markdown text={text} document />).container.querySelectorAll('h1,h2,h3,h4')].map(
        (h) => h.tagName,
      );
    // Starting at `##` (the starting entries do) and jumping from `#` to `###`.
    expect(levels('## Tausta\n\n### Miksi\n\n## Miten')).toEqual(['H2', 'H3', 'H2']);
    expect(levels('# Vaihe\n\n### Kutsu\n\n## Kokous\n\n#### Muistio')).toEqual([
      'H2',
      'H3',
      'H3',
      'H4',
    ]);
    expect(levels('### Yksi\n\n# Kaksi')).toEqual(['H2', 'H2']);
  });
});

describe('a plain line skips the parser', () => {
  // What the parser itself draws for the text (as every message was drawn before the shortcut).
  const parsed = (text: string) =>
    render(
      <div className="markdown">
        <ReactMarkdown remarkPlugins={[remarkGfmRead]} skipHtml>
          {text}
        </ReactMarkdown>
      </div>,
    ).container.innerHTML;

  it('draws plain lines exactly as the parser does', () => {
    for (const text of [
      'Hei kaikki!',
      'Onko kenelläkään kokemusta vanhempainillan järjestämisestä etänä?',
      'Kiitos, tämä auttoi 👍',
      '❤️ Kiitos!',
      'Kokous on klo 18.30 (koululla), tervetuloa.',
      'Ja/tai: 50 % vanhemmista; loput ”myöhemmin”.',
      'Åbo, Vasa och Helsingfors – välkomna!',
    ]) {
      expect(isPlainLine(text), text).toBe(true);
      expect(html(text), text).toBe(parsed(text));
    }
  });

  it('leaves anything Markdown would change to the parser', () => {
    for (const text of [
      '**lihava**',
      '- lista',
      '1. eka',
      '# otsikko',
      '> lainaus',
      'katso https://example.com',
      'katso www.example.com',
      'kirjoita anna@example.com',
      'hei @Maija',
      'rivi\ntoinen',
      '    koodia',
      'a_b_c',
      '`koodi`',
      '~~pois~~',
      '[linkki](https://example.com)',
      'x &amp; y',
      'kaksi  välilyöntiä',
    ])
      expect(isPlainLine(text), text).toBe(false);
  });
});
