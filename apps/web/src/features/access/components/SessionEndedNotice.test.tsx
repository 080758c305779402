import { act, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import {
  forgetSessionEnded,
  rememberSessionEnded,
  signingOut,
} from '../../../lib/session-ended.js';
import { SessionEndedNotice } from './SessionEndedNotice.js';

const renderNotice = () =>
  render(
    <MemoryRouter initialEntries={['/kirjaudu']}>
      <SessionEndedNotice />
    </MemoryRouter>,
  );

const revokedText = 'Sinut kirjattiin ulos tältä laitteelta toiselta laitteelta.';

describe('why the sign-in page opened', () => {
  afterEach(forgetSessionEnded);

  it('says the session was ended from another device', () => {
    rememberSessionEnded('revoked');
    renderNotice();
    expect(screen.getByRole('alert').textContent).toBe(revokedText);
  });

  it('says why when the reason arrives after the signed-out redirect brought the person here', () => {
    // The session query settled to "signed out" first (a page's guard redirected), and the
    // socket's `session:revoked` came a moment later: the open page must still say why.
    renderNotice();
    expect(screen.queryByRole('alert')).toBeNull();
    act(() => rememberSessionEnded('revoked'));
    expect(screen.getByRole('alert').textContent).toBe(revokedText);
  });

  it('still says why when the sign-in page mounts again', () => {
    rememberSessionEnded('revoked');
    renderNotice().unmount();
    renderNotice();
    expect(screen.getByRole('alert').textContent).toBe(revokedText);
  });

  it('says the session expired', () => {
    rememberSessionEnded('expired');
    renderNotice();
    expect(screen.getByRole('alert').textContent).toBe('Istuntosi vanhentui. Kirjaudu uudelleen.');
  });

  it('says nothing on an ordinary visit, after a rotation of its own, or once signed in again', () => {
    rememberSessionEnded('rotated');
    renderNotice();
    expect(screen.queryByRole('alert')).toBeNull();
    act(() => rememberSessionEnded('revoked'));
    act(() => forgetSessionEnded());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it("says nothing of this tab's own sign-out, but does of another tab's", () => {
    signingOut();
    rememberSessionEnded('signed-out');
    renderNotice();
    expect(screen.queryByRole('alert')).toBeNull();
    act(() => forgetSessionEnded());
    act(() => rememberSessionEnded('signed-out'));
    expect(screen.getByRole('alert')).not.toBeNull();
  });
});
