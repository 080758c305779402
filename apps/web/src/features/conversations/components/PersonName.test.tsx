import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PersonName } from './PersonName.js';

describe('a name on a message', () => {
  it("names the League on its system messages, and an erased person's as deleted", () => {
    expect(render(<PersonName person={null} system="league" />).container.textContent).toBe(
      'Vanhempainliitto',
    );
    expect(render(<PersonName person={null} />).container.textContent).toBe('Poistettu käyttäjä');
  });
});
