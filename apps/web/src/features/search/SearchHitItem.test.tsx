import type { SearchHit } from '@yhteistyotila/protocol';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { SearchHitItem } from './SearchHitItem.js';

const hit: SearchHit = {
  messageId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
  conversationId: 'bbbbbbbbbbbbbbbbbbbbbbbb',
  conversationKind: 'channel',
  conversationName: 'Varhaiskasvatus',
  author: {
    id: 'cccccccccccccccccccccccc',
    name: 'Maija Meikäläinen',
    role: 'member',
    expert: false,
  },
  snippet: 'Päiväkodin piha <b>ja</b> päiväkoti',
  highlights: [
    { start: 0, end: 10 },
    { start: 26, end: 35 },
  ],
  threadRootId: null,
  seq: 3,
  createdAt: '2026-11-23T10:00:00.000Z',
};

describe('SearchHitItem', () => {
  it('links to the message in context and marks the matching words as text', () => {
    const { container } = render(
      <MemoryRouter>
        <ul>
          <SearchHitItem hit={hit} />
        </ul>
      </MemoryRouter>,
    );
    const link = screen.getByRole('link');
    expect(link.getAttribute('href')).toBe(
      '/c/bbbbbbbbbbbbbbbbbbbbbbbb/m/aaaaaaaaaaaaaaaaaaaaaaaa',
    );
    expect(link.textContent).toContain('#Varhaiskasvatus');
    expect(link.textContent).toContain('Maija Meikäläinen');
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual([
      'Päiväkodin',
      'päiväkoti',
    ]);
    // Server text is never HTML.
    expect(container.querySelector('b')).toBeNull();
  });

  it('names a deleted author and a thread reply', () => {
    render(
      <MemoryRouter>
        <ul>
          <SearchHitItem
            hit={{ ...hit, author: null, threadRootId: 'dddddddddddddddddddddddd', highlights: [] }}
          />
        </ul>
      </MemoryRouter>,
    );
    expect(screen.getByText('Poistettu käyttäjä')).toBeTruthy();
    expect(screen.getByText('ketjussa')).toBeTruthy();
  });
});
