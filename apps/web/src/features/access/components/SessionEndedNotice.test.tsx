import { render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetSessionEnded, SessionEndedNotice, sessionEndedState } from './SessionEndedNotice.js';

function StateProbe() {
  return <output>{JSON.stringify(useLocation().state)}</output>;
}

const renderAt = (state: unknown) =>
  render(
    <MemoryRouter initialEntries={[{ pathname: '/kirjaudu', state }]}>
      <Routes>
        <Route
          path="/kirjaudu"
          element={
            <>
              <SessionEndedNotice />
              <StateProbe />
            </>
          }
        />
      </Routes>
    </MemoryRouter>,
  );

describe('why the sign-in page opened', () => {
  afterEach(forgetSessionEnded);

  it('says the session was ended from another device, once (a reload does not repeat it)', async () => {
    renderAt(sessionEndedState('revoked'));
    expect(screen.getByRole('alert').textContent).toBe(
      'Sinut kirjattiin ulos tältä laitteelta toiselta laitteelta.',
    );
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('null'));
    expect(screen.getByRole('alert').textContent).toContain('toiselta laitteelta');
  });

  it('still says why when the sign-in page mounts again after the state was cleared', async () => {
    const first = renderAt(sessionEndedState('revoked'));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('null'));
    // The session query settles to "signed out" and the page is drawn anew, with no state.
    first.unmount();
    renderAt(null);
    expect(screen.getByRole('alert').textContent).toBe(
      'Sinut kirjattiin ulos tältä laitteelta toiselta laitteelta.',
    );
  });

  it('says the session expired', () => {
    renderAt(sessionEndedState('expired'));
    expect(screen.getByRole('alert').textContent).toBe('Istuntosi vanhentui. Kirjaudu uudelleen.');
  });

  it('says nothing on an ordinary visit or with a state it does not know', () => {
    renderAt({ sessionEnded: 'because' });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
