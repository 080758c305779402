import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ReviewStamp } from './ReviewStamp.js';
import { testEntry } from './test-entry.js';

const reviewer = {
  id: 'c'.repeat(24),
  name: 'Eeva Asiantuntija',
  role: 'member' as const,
  expert: true,
};
const review = {
  revision: 2,
  reviewer,
  reviewedAt: '2027-01-05T10:00:00.000Z',
  dueAt: '2028-01-05T10:00:00.000Z',
  changedSince: false,
};
const now = new Date('2027-03-01T12:00:00.000Z');

const renderStamp = (entry = testEntry()) =>
  render(
    <MemoryRouter>
      <ReviewStamp entry={entry} now={now} />
    </MemoryRouter>,
  ).container;

describe('ReviewStamp', () => {
  it('names the expert, the reviewed revision and its date, and when it is due', () => {
    const stamp = renderStamp(testEntry({ revision: 2, review }));
    expect(stamp.textContent).toContain('Asiantuntijan tarkastama');
    expect(stamp.textContent).toContain('Eeva Asiantuntija tarkasti version 2 5.1.2027.');
    expect(stamp.textContent).toContain('Seuraava tarkastus viimeistään 5.1.2028.');
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('tells when the text changed after the review, with that difference one click away', () => {
    renderStamp(testEntry({ revision: 5, review: { ...review, changedSince: true } }));
    expect(
      screen.getByText('Tekstiä on muutettu tarkastuksen jälkeen (nyt versio 5).'),
    ).toBeTruthy();
    const link = screen.getByRole('link', { name: 'Katso muutokset tarkastetusta versiosta' });
    expect(link.getAttribute('href')).toBe(`/kirjasto/${'e'.repeat(24)}/versiot/2/5`);
  });

  it('says when a review is overdue, and when there is none', () => {
    const overdue = renderStamp(
      testEntry({ review: { ...review, dueAt: '2027-02-01T10:00:00.000Z', reviewer: null } }),
    );
    expect(overdue.textContent).toContain('Poistettu käyttäjä tarkasti version 2');
    expect(overdue.textContent).toContain('Tarkastus olisi pitänyt uusia 1.2.2027 mennessä.');
    const none = renderStamp(testEntry());
    expect(none.textContent).toBe('Asiantuntija ei ole vielä tarkastanut tätä käytäntöä.');
  });
});
