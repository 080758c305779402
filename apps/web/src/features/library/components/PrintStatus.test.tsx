import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { changeLanguage } from '../../../lib/i18n.js';
import { PrintStatus } from './PrintStatus.js';
import { testEntry } from './test-entry.js';

const reviewer = {
  id: 'c'.repeat(24),
  name: 'Eeva Asiantuntija',
  role: 'member' as const,
  expert: true,
};
const review = {
  revision: 4,
  reviewer,
  reviewedAt: '2027-01-05T10:00:00.000Z',
  dueAt: '2028-01-05T10:00:00.000Z',
  changedSince: false,
};
const lines = (entry = testEntry()) =>
  [...render(<PrintStatus entry={entry} />).container.querySelectorAll('p')].map(
    (p) => p.textContent,
  );

describe('the print view’s status box', () => {
  it('gives the revision on paper, the reviewer and the review’s date and revision', () => {
    expect(lines(testEntry({ revision: 4, review }))).toEqual([
      'Versio 4, päivitetty 2.1.2027',
      '✓ Asiantuntijan tarkastama: Eeva Asiantuntija, 5.1.2027 (versio 4)',
    ]);
  });

  it('warns when the text changed after the review or needs updating', () => {
    expect(
      lines(
        testEntry({
          revision: 6,
          review: { ...review, changedSince: true },
          needsUpdating: {
            reason: 'Kunnan yhteystiedot ovat vanhat.',
            by: null,
            at: review.reviewedAt,
          },
        }),
      ),
    ).toEqual([
      'Versio 6, päivitetty 2.1.2027',
      '✓ Asiantuntijan tarkastama: Eeva Asiantuntija, 5.1.2027 (versio 4)',
      'Tekstiä on muutettu tarkastetun version 4 jälkeen.',
      'Tämä käytäntö kaipaa päivitystä: Kunnan yhteystiedot ovat vanhat.',
    ]);
  });

  it('says so in Swedish and English too', async () => {
    await changeLanguage('sv');
    expect(lines(testEntry())).toEqual([
      'Version 3, uppdaterad 2.1.2027',
      'Ännu inte granskad av sakkunnig.',
    ]);
    await changeLanguage('en');
    expect(lines(testEntry({ review }))[1]).toBe(
      '✓ Expert reviewed: Eeva Asiantuntija, 05/01/2027 (revision 4)',
    );
    await changeLanguage('fi');
  });
});
