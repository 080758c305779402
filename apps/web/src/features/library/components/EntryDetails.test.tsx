import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EntryDetails } from './EntryDetails.js';
import { EntryPeople } from './EntryPeople.js';
import { EntrySources } from './EntrySources.js';
import { testEntry } from './test-entry.js';

const rows = (container: HTMLElement) =>
  [...container.querySelectorAll('.entry-details-row')].map((row) => [
    row.querySelector('dt')?.textContent,
    row.querySelector('dd')?.textContent,
  ]);

describe('an entry’s details', () => {
  it('lists what it is about and where, in the reader’s words, leaving out what is not set', () => {
    const entry = testEntry({
      themes: ['school', 'wellbeing'],
      steps: [1, 4],
      cooperationModel: null,
      countyCode: 'EK',
    });
    expect(rows(render(<EntryDetails entry={entry} />).container)).toEqual([
      ['Teemat', 'Koulu, Hyvinvointi'],
      ['Toimintamallin vaiheet', '1. Kokoa vanhempaintoimijat, 4. Arvioi yhdessä'],
      ['Laatutavoitteet', 'Vaikuttavuus'],
      ['Taso', 'Kunta'],
      ['Alue', 'Lappeenranta, Etelä-Karjalan hyvinvointialue'],
      ['Kieli', 'suomi'],
      ['Versio', '3'],
      ['Päivitetty', '2.1.2027'],
      ['Julkaistu', '1.1.2027'],
    ]);
  });

  it('names the author, the other editors and the credited, an erased author as deleted', () => {
    const anna = testEntry().author!;
    const pekka = { ...anna, id: 'd'.repeat(24), name: 'Pekka Puro' };
    const liisa = { ...anna, id: 'f'.repeat(24), name: 'Liisa Lainattu' };
    const people = render(
      <EntryPeople
        entry={testEntry({ author: null, contributors: [anna, pekka], credits: [liisa] })}
      />,
    ).container;
    expect(rows(people)).toEqual([
      ['Kirjoittaja', 'Poistettu käyttäjä'],
      ['Muokanneet', 'Anna Aalto, Pekka Puro'],
      ['Lainattu keskustelusta', 'Liisa Lainattu'],
    ]);
  });

  it('names the League as the author of a starting entry, not a deleted user', () => {
    const people = render(
      <EntryPeople entry={testEntry({ author: null, contributors: [], startingContent: true })} />,
    ).container;
    expect(rows(people)).toEqual([['Kirjoittaja', 'Vanhempainliitto']]);
  });

  it('links a source safely and shows its address for paper readers', () => {
    render(
      <EntrySources
        sources={[
          { title: 'Kuntaliiton foorumi', url: 'https://www.kuntaliitto.fi/x' },
          { title: 'Muistio' },
        ]}
        lang="fi"
      />,
    );
    const link = screen.getByRole('link', { name: 'Kuntaliiton foorumi' });
    expect(link.getAttribute('rel')).toBe('noopener noreferrer nofollow ugc');
    expect(screen.getByText('(https://www.kuntaliitto.fi/x)', { exact: false })).toBeTruthy();
    expect(screen.getByText('Muistio').tagName).toBe('LI');
    // Read in the entry's language, whatever the reader's.
    expect(screen.getByRole('list').getAttribute('lang')).toBe('fi');
  });
});
