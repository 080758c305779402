import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EntryPresence } from './EntryPresence.js';

const person = (id: string, name: string) => ({
  id: id.repeat(24),
  name,
  role: 'member' as const,
  expert: false,
});

describe('who has the entry open', () => {
  it('names the others, editors apart from readers, and never me', () => {
    render(
      <EntryPresence
        myId={'a'.repeat(24)}
        people={[
          { person: person('a', 'Minä Itse'), editing: true },
          { person: person('b', 'Anna Aalto'), editing: true },
          { person: person('c', 'Pekka Puu'), editing: false },
          { person: person('d', 'Liisa Lehto'), editing: false },
        ]}
      />,
    );
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('Anna Aalto muokkaa nyt');
    expect(status.textContent).toContain('Pekka Puu, Liisa Lehto lukevat nyt');
    expect(status.textContent).not.toContain('Minä Itse');
  });

  it('counts a person with two tabs once, as editing if either edits', () => {
    render(
      <EntryPresence
        myId={undefined}
        people={[
          { person: person('b', 'Anna Aalto'), editing: false },
          { person: person('b', 'Anna Aalto'), editing: true },
        ]}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe('✎ Anna Aalto muokkaa nyt');
  });

  it('says when nobody else is there', () => {
    render(<EntryPresence myId={'a'.repeat(24)} people={[]} />);
    expect(screen.getByRole('status').textContent).toContain('Kukaan muu');
  });
});
