import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AskForm } from './AskForm.js';

describe('ask form', () => {
  it('takes the keyboard to the first field left empty when sent unfinished', async () => {
    const user = userEvent.setup();
    render(<AskForm onAsked={() => undefined} />);
    const send = screen.getByRole('button', { name: 'Lähetä kysymys' });
    await user.click(send);
    expect(document.activeElement).toBe(screen.getByLabelText(/Kysymys lyhyesti/));
    await user.type(screen.getByLabelText(/Kysymys lyhyesti/), 'Koulumatka');
    await user.click(send);
    expect(document.activeElement).toBe(screen.getByLabelText(/Kerro tarkemmin/));
  });
});
