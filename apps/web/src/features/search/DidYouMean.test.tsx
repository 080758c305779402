import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { DidYouMean } from './DidYouMean.js';

describe('DidYouMean', () => {
  it('offers the corrected query as a link that runs that search', () => {
    render(
      <MemoryRouter>
        <DidYouMean query='päiväkoti in:"Yhteinen piha"' />
      </MemoryRouter>,
    );
    expect(screen.getByText('Tarkoititko:')).toBeTruthy();
    const link = screen.getByRole('link', { name: 'päiväkoti in:"Yhteinen piha"' });
    expect(link.getAttribute('href')).toBe(
      `/haku?q=${encodeURIComponent('päiväkoti in:"Yhteinen piha"')}`,
    );
  });
});
