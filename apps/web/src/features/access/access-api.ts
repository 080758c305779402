import {
  acceptedSchema,
  joinRequestAcceptedSchema,
  joinRequestStatusSchema,
  joinRequestVerifiedSchema,
  mySessionsSchema,
  passwordTokenInfoSchema,
  privacyStatementSchema,
  profileSchema,
  signedInSchema,
  type DeleteAccountBody,
  type FirstAdminBody,
  type JoinRequestBody,
  type Language,
  type ProfileUpdateBody,
  type SessionUser,
  type SignInBody,
} from '@yhteistyotila/protocol';
import type { QueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.js';
import { queryKeys } from '../../lib/query-keys.js';
import { restartSocket } from '../../lib/socket.js';

/** The HTTP side of joining and access; paths and schemas as documented in protocol access.ts. */
export const accessApi = {
  privacy: (lang: Language) => api(`/privacy?lang=${lang}`, { schema: privacyStatementSchema }),
  join: (body: JoinRequestBody) =>
    api('/join-requests', { method: 'POST', body, schema: joinRequestAcceptedSchema }),
  verify: (token: string) =>
    api('/join-requests/verify', {
      method: 'POST',
      body: { token },
      schema: joinRequestVerifiedSchema,
    }),
  status: (token: string) =>
    api('/join-requests/status', {
      method: 'POST',
      body: { token },
      schema: joinRequestStatusSchema,
    }),
  signIn: (body: SignInBody) =>
    api('/auth/sign-in', { method: 'POST', body, schema: signedInSchema }),
  signOut: () => api('/auth/sign-out', { method: 'POST', body: {} }),
  checkPasswordToken: (token: string) =>
    api('/auth/password/check-token', {
      method: 'POST',
      body: { token },
      schema: passwordTokenInfoSchema,
    }),
  setPassword: (token: string, password: string) =>
    api('/auth/password', { method: 'POST', body: { token, password }, schema: signedInSchema }),
  requestReset: (email: string, language: Language) =>
    api('/auth/password-reset', {
      method: 'POST',
      body: { email, language },
      schema: acceptedSchema,
    }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api('/auth/change-password', {
      method: 'POST',
      body: { currentPassword, newPassword },
      schema: signedInSchema,
    }),
  sessions: () => api('/me/sessions', { schema: mySessionsSchema }),
  revokeSession: (id: string) =>
    api(`/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  profile: () => api('/me/profile', { schema: profileSchema }),
  updateProfile: (body: ProfileUpdateBody) =>
    api('/me/profile', { method: 'PATCH', body, schema: profileSchema }),
  deleteAccount: (body: DeleteAccountBody) => api('/me/delete', { method: 'POST', body }),
  reconsent: (version: string, language: Language) =>
    api('/consent', {
      method: 'POST',
      body: { version, consent: true, language },
      schema: signedInSchema,
    }),
  checkSetupToken: (token: string) =>
    // Answers { valid: true } or a TOKEN_* error; the error is what matters here.
    api('/setup/check', { method: 'POST', body: { token } }),
  setup: (body: FirstAdminBody) => api('/setup', { method: 'POST', body, schema: signedInSchema }),
};

/**
 * After the session cookie changed (signed in, out, or rotated): the app reads the new user
 * and the socket handshakes again, so it joins the right rooms.
 */
export function sessionChanged(queryClient: QueryClient, user: SessionUser | null): void {
  queryClient.setQueryData(queryKeys.session, user);
  void queryClient.invalidateQueries({ queryKey: queryKeys.session });
  restartSocket();
}

export const STATUS_TOKEN_KEY = 'yt.joinStatusToken';
