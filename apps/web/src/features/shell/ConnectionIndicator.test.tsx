import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConnectionIndicator } from './ConnectionIndicator.js';

describe('ConnectionIndicator', () => {
  it('announces the state in a polite live region', () => {
    render(<ConnectionIndicator state="reconnecting" />);
    const status = screen.getByRole('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toBe('Yhdistetään uudelleen…');
  });

  it('offers a reload when the app is outdated', () => {
    render(<ConnectionIndicator state="outdated" />);
    expect(screen.getByRole('button', { name: 'Lataa sivu uudelleen' })).toBeTruthy();
  });
});
