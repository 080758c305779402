import { LANGUAGES, NOTIFICATION_KINDS } from '@yhteistyotila/protocol';
import { describe, expect, it } from 'vitest';
import { DIGEST_SECTION_MAX, renderDigest, type Digest, type DigestItem } from './digest.render.js';

const item = (kind: DigestItem['kind'], text = ''): DigestItem => ({
  kind,
  actorName: 'Anna <b>Ahonen</b>',
  where: '#koulutie',
  text,
  url: `https://yt.example/c/1?kind=${kind}&x=<y>`,
});

const digest = (over: Partial<Digest> = {}): Digest => ({
  name: 'Riikka',
  language: 'fi',
  act: [item('question-answer')],
  missed: [item('mention', 'katso <script>alert(1)</script>')],
  openQuestions: [],
  appUrl: 'https://yt.example/',
  settingsUrl: 'https://yt.example/asetukset/ilmoitukset',
  unsubscribeUrl: 'https://yt.example/sahkoposti/peru#v1.a.b.c',
  ...over,
});

describe('the notification digest', () => {
  it('leads with what to act on, then what was missed, in text and HTML', () => {
    const { subject, text, html } = renderDigest(digest());
    expect(subject).toBe('2 uutta ilmoitusta – Yhteistyötila');
    expect(text.indexOf('Sinulta odotetaan')).toBeLessThan(text.indexOf('Mitä jäi näkemättä'));
    expect(text).toContain('Anna <b>Ahonen</b> mainitsi sinut: #koulutie');
    expect(html.indexOf('Sinulta odotetaan')).toBeLessThan(html.indexOf('Mitä jäi näkemättä'));
    expect(text).toContain('https://yt.example/sahkoposti/peru#v1.a.b.c');
  });

  it('escapes every name, word and link in the HTML', () => {
    const { html } = renderDigest(digest());
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>Ahonen');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('href="https://yt.example/c/1?kind=mention&amp;x=&lt;y&gt;"');
  });

  it.each(LANGUAGES)('has a line for every kind in %s', (language) => {
    const all = NOTIFICATION_KINDS.map((k) => item(k));
    const { text } = renderDigest(digest({ language, act: [], missed: all }));
    expect(text).not.toMatch(/digest\.|{{/);
    expect(text.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(all.length);
  });

  it('counts what a long section leaves out', () => {
    const many = Array.from({ length: DIGEST_SECTION_MAX + 4 }, () => item('dm'));
    const { text } = renderDigest(digest({ language: 'en', act: [], missed: many }));
    expect(text).toContain('…and 4 more');
  });
});
