import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WordDiff } from './WordDiff.js';

describe('word diff', () => {
  it('marks added and removed words in words, not by colour alone', () => {
    const { container } = render(
      <WordDiff
        label="Teksti"
        parts={[
          { kind: 'same', text: 'Kutsu ' },
          { kind: 'removed', text: 'vanhemmat' },
          { kind: 'added', text: 'kaikki vanhemmat' },
          { kind: 'same', text: ' mukaan.' },
        ]}
      />,
    );
    const ins = container.querySelector('ins');
    const del = container.querySelector('del');
    // Screen readers do not announce <ins>/<del>: the hidden words say what happened.
    expect(ins?.textContent).toBe('lisätty: kaikki vanhemmat (muutos päättyy)');
    expect(del?.textContent).toBe('poistettu: vanhemmat (muutos päättyy)');
    expect(screen.getByRole('group', { name: 'Teksti' }).textContent).toContain('Kutsu ');
  });

  it('says so when nothing changed', () => {
    render(<WordDiff label="Otsikko" parts={[{ kind: 'same', text: 'Vuosikello' }]} />);
    expect(screen.getByText('Ei muutoksia.')).toBeTruthy();
  });
});
